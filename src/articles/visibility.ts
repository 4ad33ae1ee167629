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

/** SQL condition: the article aliased `alias` is visible to the request. */
export const visibleArticleSql = (visibility: Visibility, alias = 'a'): P.Sql => articleStatusSql(visibility.statuses, alias);
