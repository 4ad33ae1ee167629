import { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { loadPresent } from '../common/group.js';
import { requireEntityId, requireId } from '../common/id-arg.js';
import type { Context } from '../server/context.js';
import { visibleArticleSql } from '../articles/visibility.js';
import type { QuoteFilter } from './quote.input.js';
import type { Quote } from './quote.type.js';
import { toQuote } from './quote.view.js';
import { selectServedQuotes, type QuoteWants } from './quote.sql.js';
import { readRows } from '../db/direct-reads.js';
import { inline } from '../db/sql.js';

/** Quotes are listed newest first; the cursor is the id of the last one. */
const QUOTE_CURSOR = { tag: 'quote', shape: ['id'] as CursorShape };
const quoteCursor = (r: { id: number }) => encodeCursor(QUOTE_CURSOR.tag, [r.id]);

/** A page of quotes of visible articles, served in `locale` with what `wants` selects, in one statement (and one more for totalCount). */
export async function listQuotes(
  ctx: Context,
  locale: LocaleCode,
  args: PageArgs,
  filter: QuoteFilter | null | undefined,
  wants: QuoteWants,
  peek: boolean,
): Promise<ConnectionShape<Quote>> {
  const errors = ctx.errors(locale);
  const page = readPage(args, QUOTE_CURSOR.tag, QUOTE_CURSOR.shape, errors, peek);
  const where: P.Sql[] = [visibleArticleSql(ctx.visibility)];
  if (filter?.speaker) where.push(P.sql`q."speakerId" = ${await requireEntityId(ctx, filter.speaker, 'filter.speaker', errors)}`);
  if (filter?.article) where.push(P.sql`q."articleId" = ${requireId(filter.article, 'Article', 'filter.article', errors)}`);
  const from = P.sql`FROM "Quote" q JOIN "Article" a ON a.id = q."articleId" WHERE ${P.join(where, ' AND ')}`;
  const after = page.after ? P.sql`AND q.id < ${page.after[0] as number}` : P.empty;
  const lists = await selectServedQuotes(
    ctx.prisma,
    P.sql`SELECT 1 AS ord, q.id ${from} ${after} ORDER BY q.id DESC LIMIT ${inline(page.take)}`,
    ctx.visibility,
    wants,
    ctx.translator.chain(locale),
  );
  return toConnection(
    lists.get(1) ?? [],
    page,
    (r) => toQuote(r, locale, ctx.localizer),
    quoteCursor,
    async () => {
      const [{ total }] = await readRows<{ total: number }>(ctx.prisma, P.sql`SELECT count(*)::int AS total ${from}`);
      return total;
    },
  );
}

export async function findQuote(ctx: Context, locale: LocaleCode, id: number, wants: QuoteWants): Promise<Quote | null> {
  const row = await ctx.loaders.servedQuote.load({ id, locale, wants });
  return row && toQuote(row, locale, ctx.localizer);
}

/** An entity's quotes, newest first: ids from one batched LATERAL query, rows from the localized quote loader. */
export async function quotesOfEntity(
  ctx: Context,
  entityId: number,
  locale: LocaleCode,
  args: PageArgs,
  wants: QuoteWants,
  peek: boolean,
): Promise<ConnectionShape<Quote>> {
  const page = readPage(args, QUOTE_CURSOR.tag, QUOTE_CURSOR.shape, ctx.errors(locale), peek);
  const refs = await ctx.loaders.quoteIdsOfEntity.load({ parentId: entityId, take: page.take, after: page.after });
  const rows = await loadPresent(
    ctx.loaders.servedQuote,
    refs.map((r) => ({ id: r.id, locale, wants })),
  );
  return toConnection(
    rows,
    page,
    (r) => toQuote(r, locale, ctx.localizer),
    quoteCursor,
    () => ctx.loaders.quoteCountOfEntity.load(entityId),
  );
}
