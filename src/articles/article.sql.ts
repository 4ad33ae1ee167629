import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, ArticleTextMeta } from '../db/rows.js';
import { foldTranslations } from '../db/flat-rows.js';
import { visibleArticleSql, type Visibility } from './visibility.js';

// Hot read path in plain SQL: only the columns the API serves, no nested JSON (see flat-rows.ts).
export interface FlatArticle {
  id: number;
  slug: string;
  sourceLocale: ArticleReadRow['sourceLocale'];
  status: ArticleReadRow['status'];
  publishedAt: Date | null;
  datePrecision: ArticleReadRow['datePrecision'];
  datelineId: number | null;
  agency: string | null;
  sourceHash: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  tId: number | null;
  tLocale: ArticleTextMeta['locale'];
  tTitle: string;
  tLede: string | null;
  tOrigin: ArticleTextMeta['origin'];
  tVersion: number;
  tSourceVersion: number;
  tCreatedAt: Date;
  tUpdatedAt: Date;
}

const toArticleRow = (r: FlatArticle): Omit<ArticleReadRow, 'translations'> => ({
  id: r.id,
  slug: r.slug,
  sourceLocale: r.sourceLocale,
  status: r.status,
  publishedAt: r.publishedAt,
  datePrecision: r.datePrecision,
  datelineId: r.datelineId,
  agency: r.agency,
  sourceHash: r.sourceHash,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toTextMeta = (r: FlatArticle): ArticleTextMeta | null =>
  r.tId === null
    ? null
    : {
        id: r.tId,
        articleId: r.id,
        locale: r.tLocale,
        title: r.tTitle,
        lede: r.tLede,
        origin: r.tOrigin,
        version: r.tVersion,
        sourceVersion: r.tSourceVersion,
        createdAt: r.tCreatedAt,
        updatedAt: r.tUpdatedAt,
      };

/** Article `a` and its text `t`, one row per language, as FlatArticle. */
export const ARTICLE_COLUMNS = P.sql`
  a.id, a.slug, a."sourceLocale"::text AS "sourceLocale", a.status::text AS status, a."publishedAt",
  a."datePrecision"::text AS "datePrecision", a."datelineId", a.agency, a."sourceHash", a.version, a."createdAt", a."updatedAt",
  t.id AS "tId", t.locale::text AS "tLocale", t.title AS "tTitle", t.lede AS "tLede", t.origin::text AS "tOrigin",
  t.version AS "tVersion", t."sourceVersion" AS "tSourceVersion", t."createdAt" AS "tCreatedAt", t."updatedAt" AS "tUpdatedAt"`;

/** Rows of ARTICLE_COLUMNS (in the order wanted) folded into articles. */
export const foldArticles = (rows: readonly FlatArticle[]): ArticleReadRow[] => foldTranslations(rows, toArticleRow, toTextMeta);

/** Visible articles by id with every language version's metadata, in one statement. */
export async function selectArticles(prisma: Db, ids: readonly number[], visibility: Visibility): Promise<ArticleReadRow[]> {
  const rows = await prisma.$queryRaw<FlatArticle[]>`
    SELECT ${ARTICLE_COLUMNS}
    FROM "Article" a LEFT JOIN "ArticleTranslation" t ON t."articleId" = a.id
    WHERE a.id = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)}
    ORDER BY a.id, t.id`;
  return foldArticles(rows);
}

/** Bodies of article texts by text id (the feed never needs them). */
export async function selectBodies(prisma: Db, textIds: readonly number[]): Promise<{ id: number; body: unknown }[]> {
  return prisma.$queryRaw<{ id: number; body: unknown }[]>(P.sql`SELECT id, body FROM "ArticleTranslation" WHERE id = ANY(${[...textIds]}::int[])`);
}
