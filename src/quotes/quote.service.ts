import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { withTranslations } from '../db/rows.js';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { loadPresent } from '../common/group.js';
import { requireEntityId, requireId } from '../common/id-arg.js';
import type { Context } from '../server/context.js';
import { visibleArticle } from '../articles/visibility.js';
import type { QuoteFilter } from './quote.input.js';
import type { Quote } from './quote.type.js';
import { toQuote } from './quote.view.js';

/** Quotes are listed newest first; the cursor is the id of the last one. */
const QUOTE_CURSOR = { tag: 'quote', shape: ['id'] as CursorShape };
const quoteCursor = (r: { id: number }) => encodeCursor(QUOTE_CURSOR.tag, [r.id]);

export async function listQuotes(ctx: Context, locale: LocaleCode, args: PageArgs, filter?: QuoteFilter | null): Promise<ConnectionShape<Quote>> {
  const errors = ctx.errors(locale);
  const page = readPage(args, QUOTE_CURSOR.tag, QUOTE_CURSOR.shape, errors);
  const where: P.QuoteWhereInput = { article: visibleArticle(ctx.visibility) };
  if (filter?.speaker) where.speakerId = await requireEntityId(ctx, filter.speaker, 'filter.speaker', errors);
  if (filter?.article) where.articleId = requireId(filter.article, 'Article', 'filter.article', errors);
  const rows = await ctx.prisma.quote.findMany({
    where: { ...where, ...(page.after ? { id: { lt: page.after[0] as number } } : {}) },
    include: withTranslations,
    orderBy: { id: 'desc' },
    take: page.take,
  });
  return toConnection(
    rows,
    page,
    (r) => toQuote(r, locale, ctx.localizer),
    quoteCursor,
    () => ctx.prisma.quote.count({ where }),
  );
}

export async function findQuote(ctx: Context, locale: LocaleCode, id: number): Promise<Quote | null> {
  const row = await ctx.loaders.quote.load(id);
  return row && toQuote(row, locale, ctx.localizer);
}

/** An entity's quotes, newest first: ids from one batched LATERAL query, rows from the quote loader. */
export async function quotesOfEntity(ctx: Context, entityId: number, locale: LocaleCode, args: PageArgs): Promise<ConnectionShape<Quote>> {
  const page = readPage(args, QUOTE_CURSOR.tag, QUOTE_CURSOR.shape, ctx.errors(locale));
  const refs = await ctx.loaders.quoteIdsOfEntity.load({ parentId: entityId, take: page.take, after: page.after });
  const rows = await loadPresent(
    ctx.loaders.quote,
    refs.map((r) => r.id),
  );
  return toConnection(
    rows,
    page,
    (r) => toQuote(r, locale, ctx.localizer),
    quoteCursor,
    () => ctx.loaders.quoteCountOfEntity.load(entityId),
  );
}
