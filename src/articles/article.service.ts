import { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { selectArticlePage, WANTS_NOTHING, type PageWants } from './article-page.sql.js';
import { afterCursor, ARTICLE_CURSOR, ARTICLE_ORDER, articleCursor } from './article.order.js';
import { inline, timestamp } from '../db/sql.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { requireEntityId } from '../common/id-arg.js';
import type { Context } from '../server/context.js';
import { articleStatusSql, visibleArticleSql, visibleTextSql } from './visibility.js';
import type { ArticleFilter } from './article.input.js';
import type { Article } from './article.type.js';
import { toArticle } from './article.view.js';
import { readRows } from '../db/direct-reads.js';

/** The filter as SQL conditions on the article aliased `a`; entity ids are checked (and merged ids followed) first. */
async function filterSql(filter: ArticleFilter | null | undefined, ctx: Context, locale: LocaleCode): Promise<P.Sql> {
  const where: P.Sql[] = [visibleArticleSql(ctx.visibility)];
  if (!filter) return P.join(where, ' AND ');
  const errors = ctx.errors(locale);
  if (filter.mentions) {
    const entityId = await requireEntityId(ctx, filter.mentions, 'filter.mentions', errors);
    where.push(P.sql`EXISTS (SELECT 1 FROM "Mention" m WHERE m."articleId" = a.id AND m."entityId" = ${entityId})`);
  }
  if (filter.speaker) {
    const speakerId = await requireEntityId(ctx, filter.speaker, 'filter.speaker', errors);
    where.push(P.sql`EXISTS (SELECT 1 FROM "Quote" q WHERE q."articleId" = a.id AND q."speakerId" = ${speakerId})`);
  }
  if (filter.availableIn)
    where.push(
      P.sql`EXISTS (SELECT 1 FROM "ArticleTranslation" t WHERE t."articleId" = a.id AND t.locale = ${filter.availableIn}::"Locale" AND ${visibleTextSql(ctx.visibility)})`,
    );
  if (filter.sourceLocale) where.push(P.sql`a."sourceLocale" = ${filter.sourceLocale}::"Locale"`);
  if (filter.publishedAfter) where.push(P.sql`a."publishedAt" >= ${timestamp(filter.publishedAfter)}`);
  if (filter.publishedBefore) where.push(P.sql`a."publishedAt" < ${timestamp(filter.publishedBefore)}`);
  // Narrows what the viewer may see, never widens it (visibility is the first condition).
  if (filter.status) where.push(articleStatusSql(filter.status));
  return P.join(where, ' AND ');
}

/** A page of articles, served in `locale`, with what `wants` (the query's selection) asks for, in one round trip. */
export async function listArticles(
  ctx: Context,
  locale: LocaleCode,
  args: PageArgs,
  filter?: ArticleFilter | null,
  wants: PageWants = WANTS_NOTHING,
  peek = true,
): Promise<ConnectionShape<Article>> {
  const page = readPage(args, ARTICLE_CURSOR.tag, ARTICLE_CURSOR.shape, ctx.errors(locale), peek);
  const where = await filterSql(filter, ctx, locale);
  // The page's ids (the feed index answers them) and their rows in one round trip.
  const pageIds = P.sql`SELECT 1 AS ord, a.id FROM "Article" a WHERE ${where} AND ${afterCursor(page.after)} ORDER BY ${ARTICLE_ORDER} LIMIT ${inline(page.take)}`;
  const lists = await selectArticlePage(ctx.prisma, pageIds, ctx.visibility, wants, { chain: ctx.translator.chain(locale) });
  return toConnection(
    lists.get(1) ?? [],
    page,
    (r) => toArticle(r, locale, ctx.localizer),
    articleCursor,
    async () => {
      const [{ total }] = await readRows<{ total: number }>(ctx.prisma, P.sql`SELECT count(*)::int AS total FROM "Article" a WHERE ${where}`);
      return total;
    },
  );
}

/** One article by id or slug, served in `locale` with what `wants` asks for, in one round trip (ids are batched). */
export async function findArticle(ctx: Context, locale: LocaleCode, by: { id: number } | { slug: string }, wants: PageWants): Promise<Article | null> {
  if ('id' in by) {
    const row = await ctx.loaders.servedArticle.load({ id: by.id, locale, wants });
    return row && toArticle(row, locale, ctx.localizer);
  }
  const lists = await selectArticlePage(ctx.prisma, P.sql`SELECT 1 AS ord, a.id FROM "Article" a WHERE a.slug = ${by.slug}`, ctx.visibility, wants, {
    chain: ctx.translator.chain(locale),
  });
  const row = lists.get(1)?.[0];
  return row ? toArticle(row, locale, ctx.localizer) : null;
}

/** An entity's articles in article order, served in `locale`: one batched statement for every entity's page. */
export async function articlesOfEntity(
  ctx: Context,
  entityId: number,
  locale: LocaleCode,
  args: PageArgs,
  wants: PageWants,
  peek: boolean,
): Promise<ConnectionShape<Article>> {
  const page = readPage(args, ARTICLE_CURSOR.tag, ARTICLE_CURSOR.shape, ctx.errors(locale), peek);
  const rows = await ctx.loaders.articlesOfEntity.load({ parentId: entityId, take: page.take, after: page.after, locale, wants });
  return toConnection(
    rows,
    page,
    (r) => toArticle(r, locale, ctx.localizer),
    articleCursor,
    () => ctx.loaders.articleCountOfEntity.load(entityId),
  );
}
