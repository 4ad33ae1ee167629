import { Prisma as P } from '@prisma/client';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape } from '../common/connection.js';
import { loadPresent } from '../common/group.js';
import type { Context } from '../server/context.js';
import type { TranslationQueueArgs } from './article-write.input.js';
import { toArticle } from './article.view.js';
import { visibleArticleSql } from './visibility.js';
import type { Article } from './article.type.js';
import { TranslationQueueReason } from './article-queue.type.js';
import { readRows } from '../db/direct-reads.js';

/**
 * Oldest source change first (the longest-waiting work on top); the cursor is that change's
 * instant and the article id, so pages stay right while editors clear the queue.
 */
const QUEUE_CURSOR = { tag: 'translationQueue', shape: ['date', 'id'] as CursorShape };

const { sql, empty } = P;

/**
 * Articles whose text in `locale` is MISSING or OUTDATED (made from an older source version than
 * the current one: the same rule as `translationState`, in SQL because it compares two rows), or
 * waits for its review (IN_REVIEW). One reason each, the work to do first: an outdated text in
 * review must be revised before it is reviewed.
 */
function queueSql(ctx: Context, args: TranslationQueueArgs, after: (string | number | null)[] | null, select: P.Sql, tail: P.Sql): P.Sql {
  // Prisma stores DateTime as UTC in `timestamp` columns: compare in UTC whatever the session zone.
  const resume = after ? sql`AND (s."updatedAt", a.id) > ((${after[0]}::timestamptz AT TIME ZONE 'UTC'), ${after[1]}::int)` : empty;
  return sql`
    SELECT ${select}
    FROM "Article" a
    JOIN "ArticleTranslation" s ON s."articleId" = a.id AND s.locale = a."sourceLocale"
    LEFT JOIN "ArticleTranslation" t ON t."articleId" = a.id AND t.locale = ${args.locale}::"Locale"
    WHERE a."sourceLocale" <> ${args.locale}::"Locale" AND ${visibleArticleSql(ctx.visibility)}
      AND (t.id IS NULL OR t."sourceVersion" < s.version OR t.status = 'IN_REVIEW') ${resume}
    ${tail}`;
}

/** A page of the queue: each edge also says why the article is in it. */
type QueueConnectionShape = ConnectionShape<Article> & { edges: { reason?: TranslationQueueReason }[] };

const reasonSql = sql`CASE WHEN t.id IS NULL THEN 'MISSING' WHEN t."sourceVersion" < s.version THEN 'OUTDATED' ELSE 'IN_REVIEW' END AS reason`;

export async function translationQueue(ctx: Context, args: TranslationQueueArgs): Promise<QueueConnectionShape> {
  // `locale` is the language to translate into, not the editor's: errors follow Accept-Language.
  const page = readPage(args, QUEUE_CURSOR.tag, QUEUE_CURSOR.shape, ctx.errors());
  const keys = await readRows<{ id: number; changedAt: string; reason: keyof typeof TranslationQueueReason }>(
    ctx.prisma,
    queueSql(
      ctx,
      args,
      page.after,
      // The instant as text: exact to the millisecond, with no driver guessing its time zone.
      sql`a.id, to_char(s."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "changedAt", ${reasonSql}`,
      sql`ORDER BY s."updatedAt", a.id LIMIT ${page.take}`,
    ),
  );
  const rows = await loadPresent(
    ctx.loaders.article,
    keys.map((k) => k.id),
  );
  const byId = new Map(keys.map((k) => [k.id, k]));
  const queue: QueueConnectionShape = toConnection(
    rows,
    page,
    (r) => toArticle(r, args.locale, ctx.localizer),
    (r) => encodeCursor(QUEUE_CURSOR.tag, [byId.get(r.id)!.changedAt, r.id]),
    async () => {
      const [{ total }] = await readRows<{ total: number }>(ctx.prisma, queueSql(ctx, args, null, sql`count(*)::int AS total`, empty));
      return total;
    },
  );
  // Set on the edges in place: spreading the connection would run its totalCount getter.
  for (const edge of queue.edges) edge.reason = TranslationQueueReason[byId.get(edge.node.row.id)!.reason];
  return queue;
}
