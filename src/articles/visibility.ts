import { Prisma as P, type ArticleStatus } from '@prisma/client';

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

/** SQL condition: the article aliased `alias` has one of `statuses` (one bound parameter per status: adapters differ on enum arrays). */
export const articleStatusSql = (statuses: readonly ArticleStatus[], alias = 'a'): P.Sql =>
  P.sql`${P.raw(`${alias}.status`)} IN (${P.join(statuses.map((s) => P.sql`${s}::"ArticleStatus"`))})`;

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
