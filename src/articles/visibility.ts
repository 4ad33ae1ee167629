import { Prisma as P, type ArticleStatus } from '@prisma/client';
import { inline } from '../db/sql.js';

/**
 * Which articles (and, for readers, which language versions) a request may see: readers only
 * what is published; editors also drafts and archived articles, through every path (by id, slug,
 * node, lists, nested connections, search). Every read statement takes its conditions from here.
 */
export interface Visibility {
  readonly readers: boolean;
  readonly statuses: readonly ArticleStatus[];
}

export const PUBLIC: Visibility = { readers: true, statuses: ['PUBLISHED'] };
export const EDITORIAL: Visibility = { readers: false, statuses: ['DRAFT', 'PUBLISHED', 'ARCHIVED'] };

/** SQL condition: the article aliased `alias` has one of `statuses` (written in the statement: see inline). */
export const articleStatusSql = (statuses: readonly ArticleStatus[], alias = 'a'): P.Sql =>
  P.sql`${P.raw(`${alias}.status`)} IN (${P.join(statuses.map((s) => P.sql`${inline(s)}::"ArticleStatus"`))})`;

/**
 * SQL condition: the article aliased `alias` is released, i.e. not under an embargo still ahead.
 * `now()` is read by the database at each statement, so a scheduled article appears at its instant
 * without a restart, a mutation or a timer. Only scheduled articles have an `embargoedUntil`: for
 * every other row the first test is true, and the feed's index scan (status, publishedAt, id)
 * only filters its rows with it.
 */
const releasedSql = (alias = 'a'): P.Sql => P.sql`(${P.raw(`${alias}."embargoedUntil"`)} IS NULL OR ${P.raw(`${alias}."embargoedUntil"`)} <= now())`;

/** SQL condition: the article aliased `alias` is visible to the request (readers: published and released; editors: any status, embargoed or not). */
export const visibleArticleSql = (visibility: Visibility, alias = 'a'): P.Sql =>
  visibility.readers ? P.sql`${articleStatusSql(visibility.statuses, alias)} AND ${releasedSql(alias)}` : articleStatusSql(visibility.statuses, alias);

/**
 * SQL condition: the language version aliased `text` (an "ArticleTranslation" row) of the article
 * aliased `article` is visible to the request. Readers see a translation once it is PUBLISHED;
 * the source language's version follows the article (visible whenever the article is, which
 * visibleArticleSql decides). Editors see every version. Every read of article text, list,
 * filter, count and format applies this one rule (textVisible below is the same rule on a row
 * already loaded).
 */
export const visibleTextSql = (visibility: Visibility, text = 't', article = 'a'): P.Sql =>
  visibility.readers ? P.raw(`(${text}.status = 'PUBLISHED' OR ${text}.locale = ${article}."sourceLocale")`) : P.sql`TRUE`;

/** SQL: the languages (as text, sorted) of the article `article`'s versions the request may see (`availableLocales`). */
export const visibleLocalesSql = (visibility: Visibility, article = 'a'): P.Sql =>
  P.sql`ARRAY(SELECT v.locale::text FROM "ArticleTranslation" v WHERE ${P.raw(`v."articleId" = ${article}.id`)} AND ${visibleTextSql(visibility, 'v', article)} ORDER BY 1)`;

/**
 * SQL condition: the quote translation aliased `text` of the quote `quote` (in the article
 * aliased `a`) is visible: a quote is shown with its article's language version, so its text in L
 * only when the article's L version is visible; its original always. `articleLocales` is that
 * article's visibleLocalesSql, when the statement has it at hand already (the feed computes it
 * once per article, not once per quote).
 */
export function visibleQuoteTextSql(visibility: Visibility, text: string, quote: string, articleLocales?: P.Sql): P.Sql {
  if (!visibility.readers) return P.sql`TRUE`;
  const original = P.raw(`${text}.locale = ${quote}."originalLocale"`);
  if (articleLocales) return P.sql`(${original} OR ${P.raw(`${text}.locale::text`)} = ANY(${articleLocales}))`;
  // Row by row (search ranks tens of thousands of quote texts): one probe of the (articleId, locale) key.
  return P.sql`(${original} OR EXISTS (SELECT 1 FROM "ArticleTranslation" v WHERE ${P.raw(`v."articleId" = a.id AND v.locale = ${text}.locale`)} AND ${visibleTextSql(visibility, 'v')}))`;
}

/** visibleTextSql on a language version already loaded with its article (the formats' records). */
export const textVisible = (visibility: Visibility, text: { status: string; locale: string }, article: { sourceLocale: string }): boolean =>
  !visibility.readers || text.status === 'PUBLISHED' || text.locale === article.sourceLocale;
