import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { withTranslations, type ArticleRow } from '../db/rows.js';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { requireEntityId } from '../common/id-arg.js';
import { loadPresent } from '../common/group.js';
import type { Context } from '../server/context.js';
import { visibleArticle } from './visibility.js';
import type { ArticleFilter } from './article.input.js';
import type { Article } from './article.type.js';
import { toArticle } from './article.view.js';

/**
 * Articles are listed newest first, undated ones (drafts) before any dated one, as PostgreSQL
 * sorts NULLs in DESC order, which matches the feed index. The cursor is (publishedAt, id).
 */
export const ARTICLE_CURSOR = { tag: 'article', shape: ['date?', 'id'] as CursorShape };
export const ARTICLE_ORDER: P.ArticleOrderByWithRelationInput[] = [{ publishedAt: 'desc' }, { id: 'desc' }];

export const articleCursor = (row: { id: number; publishedAt: Date | null }) =>
  encodeCursor(ARTICLE_CURSOR.tag, [row.publishedAt?.toISOString() ?? null, row.id]);

/** Rows strictly after the cursor in ARTICLE_ORDER. */
export function afterArticle(after: (string | number | null)[] | null): P.ArticleWhereInput {
  if (!after) return {};
  const id = after[1] as number;
  if (after[0] === null) return { OR: [{ publishedAt: null, id: { lt: id } }, { publishedAt: { not: null } }] };
  const at = new Date(after[0] as string);
  return { OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: id } }] };
}

async function filterWhere(filter: ArticleFilter | null | undefined, ctx: Context, locale: LocaleCode): Promise<P.ArticleWhereInput> {
  if (!filter) return {};
  const errors = ctx.errors(locale);
  const where: P.ArticleWhereInput[] = [];
  if (filter.mentions) where.push({ mentions: { some: { entityId: await requireEntityId(ctx, filter.mentions, 'filter.mentions', errors) } } });
  if (filter.speaker) where.push({ quotes: { some: { speakerId: await requireEntityId(ctx, filter.speaker, 'filter.speaker', errors) } } });
  if (filter.availableIn) where.push({ translations: { some: { locale: filter.availableIn } } });
  if (filter.sourceLocale) where.push({ sourceLocale: filter.sourceLocale });
  if (filter.publishedAfter) where.push({ publishedAt: { gte: filter.publishedAfter } });
  if (filter.publishedBefore) where.push({ publishedAt: { lt: filter.publishedBefore } });
  // Narrows what the viewer may see, never widens it (visibility is applied next to the filter).
  if (filter.status) where.push({ status: { in: filter.status } });
  return { AND: where };
}

export async function listArticles(ctx: Context, locale: LocaleCode, args: PageArgs, filter?: ArticleFilter | null): Promise<ConnectionShape<Article>> {
  const page = readPage(args, ARTICLE_CURSOR.tag, ARTICLE_CURSOR.shape, ctx.errors(locale));
  const where: P.ArticleWhereInput = { ...visibleArticle(ctx.visibility), ...(await filterWhere(filter, ctx, locale)) };
  const rows = await ctx.prisma.article.findMany({
    where: { AND: [where, afterArticle(page.after)] },
    include: withTranslations,
    orderBy: ARTICLE_ORDER,
    take: page.take,
  });
  return toConnection(rows, page, (r) => toArticle(r, locale, ctx.localizer), articleCursor, () => ctx.prisma.article.count({ where }));
}

export async function findArticle(ctx: Context, locale: LocaleCode, by: { id?: number; slug?: string }): Promise<Article | null> {
  let row: ArticleRow | null;
  if (by.id !== undefined) row = await ctx.loaders.article.load(by.id);
  else row = await ctx.prisma.article.findFirst({ where: { slug: by.slug, ...visibleArticle(ctx.visibility) }, include: withTranslations });
  return row && toArticle(row, locale, ctx.localizer);
}

/** An entity's articles, newest first: ids from one batched LATERAL query, rows from the article loader. */
export async function articlesOfEntity(ctx: Context, entityId: number, locale: LocaleCode, args: PageArgs): Promise<ConnectionShape<Article>> {
  const page = readPage(args, ARTICLE_CURSOR.tag, ARTICLE_CURSOR.shape, ctx.errors(locale));
  const refs = await ctx.loaders.articleIdsOfEntity.load({ parentId: entityId, take: page.take, after: page.after });
  const rows = await loadPresent(ctx.loaders.article, refs.map((r) => r.id));
  return toConnection(rows, page, (r) => toArticle(r, locale, ctx.localizer), articleCursor, () => ctx.loaders.articleCountOfEntity.load(entityId));
}
