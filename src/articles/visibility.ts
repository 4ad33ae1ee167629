import { Prisma as P, type ArticleStatus } from '@prisma/client';

/**
 * Which articles a request may see: readers only published ones; editors also drafts and
 * archived articles, through every path (by id, slug, node, lists, nested connections, search).
 */
export type Visibility = readonly ArticleStatus[];

export const PUBLIC: Visibility = ['PUBLISHED'];
export const EDITORIAL: Visibility = ['DRAFT', 'PUBLISHED', 'ARCHIVED'];

/** SQL condition on the article aliased `alias` (one bound parameter per status: adapters differ on enum arrays). */
export const visibleArticleSql = (visibility: Visibility, alias = 'a'): P.Sql =>
  P.sql`${P.raw(`${alias}.status`)} IN (${P.join(visibility.map((s) => P.sql`${s}::"ArticleStatus"`))})`;
