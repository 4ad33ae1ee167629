import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { ArticleTextMeta, WholeArticleRow } from '../db/rows.js';
import { foldTranslations } from '../db/flat-rows.js';
import { visibleArticleSql, type Visibility } from './visibility.js';

// Whole articles in plain SQL (every language version's metadata, for editors' fields): no nested JSON (see flat-rows.ts).
interface FlatArticle {
  id: number;
  slug: string;
  sourceLocale: WholeArticleRow['sourceLocale'];
  publishedAt: Date | null;
  datePrecision: WholeArticleRow['datePrecision'];
  datelineId: number | null;
  agency: string | null;
  version: number;
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

const toArticleRow = (r: FlatArticle): Omit<WholeArticleRow, 'translations'> => ({
  id: r.id,
  slug: r.slug,
  sourceLocale: r.sourceLocale,
  publishedAt: r.publishedAt,
  datePrecision: r.datePrecision,
  datelineId: r.datelineId,
  agency: r.agency,
  version: r.version,
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
const ARTICLE_COLUMNS = P.sql`
  a.id, a.slug, a."sourceLocale"::text AS "sourceLocale", a."publishedAt",
  a."datePrecision"::text AS "datePrecision", a."datelineId", a.agency, a.version,
  t.id AS "tId", t.locale::text AS "tLocale", t.title AS "tTitle", t.lede AS "tLede", t.origin::text AS "tOrigin",
  t.version AS "tVersion", t."sourceVersion" AS "tSourceVersion", t."createdAt" AS "tCreatedAt", t."updatedAt" AS "tUpdatedAt"`;

/** Visible articles by id with every language version's metadata (what editors compare), in one statement. */
export async function selectArticles(prisma: Db, ids: readonly number[], visibility: Visibility): Promise<WholeArticleRow[]> {
  const rows = await prisma.$queryRaw<FlatArticle[]>`
    SELECT ${ARTICLE_COLUMNS}
    FROM "Article" a LEFT JOIN "ArticleTranslation" t ON t."articleId" = a.id
    WHERE a.id = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)}
    ORDER BY a.id, t.id`;
  return foldTranslations(rows, toArticleRow, toTextMeta);
}

/** Bodies of article texts by text id (the feed never needs them). */
export async function selectBodies(prisma: Db, textIds: readonly number[]): Promise<{ id: number; body: unknown }[]> {
  return prisma.$queryRaw<{ id: number; body: unknown }[]>(P.sql`SELECT id, body FROM "ArticleTranslation" WHERE id = ANY(${[...textIds]}::int[])`);
}
