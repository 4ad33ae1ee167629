import { Prisma as P } from '@prisma/client';
import { encodeCursor, type CursorKey, type CursorShape } from '../common/cursor.js';
import { timestamp } from '../db/sql.js';

/**
 * Articles are listed newest first, undated ones (drafts) before any dated one, as PostgreSQL
 * sorts NULLs in DESC order, which matches the feed index. The cursor is (publishedAt, id).
 * The feed, an entity's articles and every other list of articles share this order.
 */
export const ARTICLE_CURSOR = { tag: 'article', shape: ['date?', 'id'] as CursorShape };

export const articleCursor = (row: { id: number; publishedAt: Date | null }) =>
  encodeCursor(ARTICLE_CURSOR.tag, [row.publishedAt?.toISOString() ?? null, row.id]);

/** The order of the article aliased `a`. */
export const ARTICLE_ORDER = P.sql`a."publishedAt" DESC, a.id DESC`;

/**
 * Articles `a` strictly after the one at (`at`, `id`) in ARTICLE_ORDER; `at` may be NULL (a
 * draft): then every dated article follows it, and undated ones with a smaller id. A row
 * comparison would compare that NULL and select nothing.
 */
export const afterArticle = (at: P.Sql, id: P.Sql): P.Sql => P.sql`(CASE WHEN ${at} IS NULL THEN a."publishedAt" IS NOT NULL OR a.id < ${id}
  ELSE a."publishedAt" < ${at} OR (a."publishedAt" = ${at} AND a.id < ${id}) END)`;

/** Rows strictly after the cursor `after` (none: every row), in article order. */
export const afterCursor = (after: CursorKey | null): P.Sql =>
  after ? afterArticle(after[0] === null ? P.sql`NULL::timestamp` : timestamp(after[0] as string), P.sql`${after[1] as number}`) : P.sql`TRUE`;
