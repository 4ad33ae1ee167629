import { fromGlobalId, toGlobalId } from 'graphql-relay';
import type { Prisma as P } from '@prisma/client';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape } from '../common/connection.js';
import { requireId } from '../common/id-arg.js';
import { withTranslations } from '../db/rows.js';
import { notFound } from '../editorial/errors.js';
import type { Context } from '../server/context.js';
import type { ArticleRevisionsArgs, RestoreRevisionArgs } from './article-write.input.js';
import type { ArticleRevision } from './article-revision.type.js';
import type { Article } from './article.type.js';
import { replaceText, statusAfterEdit, type RevisionData } from './article-text.js';
import { reloadArticle } from './article-write.service.js';
import { saveVersioned } from '../editorial/versioned.js';
import { watchArticle } from '../events/article-events.js';
import { withEvents } from '../events/outbox.js';

// Revisions are not Nodes (only editors read them, always through their article), but their ids
// are opaque like the others: a Relay-style id of a kind `node` does not know.
const REVISION_KIND = 'ArticleRevision';
const revisionId = (id: number) => toGlobalId(REVISION_KIND, String(id));

function revisionDbId(id: string): number | null {
  try {
    const decoded = fromGlobalId(id);
    const n = Number(decoded.id);
    return decoded.type === REVISION_KIND && /^\d+$/.test(decoded.id) && Number.isSafeInteger(n) ? n : null;
  } catch {
    return null;
  }
}

/** Newest first: the cursor is the id of the last revision served. */
const REVISION_CURSOR = { tag: 'revision', shape: ['id'] as CursorShape };

type RevisionRow = P.RevisionGetPayload<{ include: { author: { select: { name: true } } } }>;

function toRevision(row: RevisionRow): ArticleRevision {
  const data = row.data as unknown as Partial<RevisionData>;
  return {
    id: revisionId(row.id),
    locale: row.locale!,
    version: row.version,
    title: data.title ?? '',
    lede: data.lede ?? null,
    body: data.body ?? [],
    author: row.author?.name ?? null,
    createdAt: row.createdAt,
  };
}

export async function listRevisions(ctx: Context, args: ArticleRevisionsArgs): Promise<ConnectionShape<ArticleRevision>> {
  const errors = ctx.errors();
  const id = requireId(args.id, 'Article', 'id', errors);
  const page = readPage(args, REVISION_CURSOR.tag, REVISION_CURSOR.shape, errors);
  const where: P.RevisionWhereInput = { subject: 'ARTICLE', subjectId: id, locale: args.locale };
  const [article, rows] = await Promise.all([
    ctx.prisma.article.findUnique({ where: { id }, select: { id: true } }),
    ctx.prisma.revision.findMany({
      where: { ...where, ...(page.after && { id: { lt: page.after[0] as number } }) },
      include: { author: { select: { name: true } } },
      orderBy: { id: 'desc' },
      take: page.take,
    }),
  ]);
  if (!article) throw notFound(ctx, null, 'id');
  return toConnection(
    rows,
    page,
    toRevision,
    (r) => encodeCursor(REVISION_CURSOR.tag, [r.id]),
    () => ctx.prisma.revision.count({ where }),
  );
}

/**
 * Puts a revision's text back into its language. That is an edit like any other: the text it
 * replaces becomes a revision too, and restoring the source makes translations OUTDATED.
 */
export async function restoreRevision(ctx: Context, args: RestoreRevisionArgs): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const id = requireId(args.id, 'Article', 'id', errors);
  const wanted = revisionDbId(args.revision);
  if (wanted === null) throw errors.badInput('id', { argument: 'revision' });

  await withEvents(ctx, async (tx) => {
    await saveVersioned(tx, ctx, locale, 'article', { id, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, id);
    const revision = await tx.revision.findFirst({ where: { id: wanted, subject: 'ARTICLE', subjectId: id } });
    const row = await tx.article.findUniqueOrThrow({ where: { id }, include: withTranslations });
    const target = revision && row.translations.find((t) => t.locale === revision.locale);
    if (!revision || !target) throw notFound(ctx, locale, 'revision');
    const data = revision.data as unknown as RevisionData;
    const text = { title: data.title, lede: data.lede ?? null, body: data.body ?? [] };
    // A translation also gets back what it was made from: an old translation of an older source is OUTDATED again.
    const provenance =
      target.locale === row.sourceLocale
        ? {}
        : {
            ...(data.origin && { origin: data.origin }),
            ...(data.sourceVersion && { sourceVersion: data.sourceVersion }),
            ...statusAfterEdit(ctx.config, data.origin ?? target.origin),
          };
    await replaceText(tx, ctx, target, { ...text, ...provenance });
    await article.record([target.locale]);
  });
  return reloadArticle(ctx, id, locale);
}
