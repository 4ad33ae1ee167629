import DataLoader from 'dataloader';
import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, EntityRow } from '../db/rows.js';
import { ARTICLE_COLUMNS, foldArticles, type FlatArticle } from '../articles/article.sql.js';
import { selectEntities } from './entity.sql.js';
import { byKey, groupByKey } from '../common/group.js';
import { visibleArticleSql, type Visibility } from '../articles/visibility.js';
import { afterArticle, ARTICLE_ORDER } from '../articles/article.order.js';

/** One page of a nested list, per parent: `after` is the decoded keyset cursor. */
export interface NestedPageKey {
  parentId: number;
  take: number;
  after: (string | number | null)[] | null;
}

const pageKey = (k: NestedPageKey) => JSON.stringify(k);

/**
 * Nested connections (an entity's articles or quotes) for many entities at once: one statement
 * with a LATERAL subquery per requested page, instead of one query per entity.
 */
export function entityLoaders(prisma: Db, visibility: Visibility) {
  return {
    /**
     * Entities by id. A duplicate merged into another resolves to the one kept, so old ids in
     * clients, caches and links keep working; that costs a second statement only when a merged id
     * is asked for. Merges are flattened (what was merged into a duplicate is re-pointed to the
     * entity kept), so one hop always reaches a live entity.
     */
    entity: new DataLoader<number, EntityRow | null>(async (ids) => {
      const rows = await selectEntities(prisma, ids);
      const targets = [...new Set(rows.flatMap((r) => (r.mergedIntoId === null ? [] : [r.mergedIntoId])))];
      const kept = targets.length > 0 ? await selectEntities(prisma, targets) : [];
      const byId = new Map([...rows, ...kept].map((r) => [r.id, r]));
      return ids.map((id) => {
        const row = byId.get(id);
        return row?.mergedIntoId != null ? (byId.get(row.mergedIntoId) ?? null) : (row ?? null);
      });
    }),
    /**
     * Visible articles mentioning each entity, newest first, rows included (one round trip for
     * every entity's page), in the feed's order. Cursor dates are ISO text cast to `timestamp`
     * like the column (see db/sql.ts).
     */
    articlesOfEntity: new DataLoader<NestedPageKey, ArticleReadRow[], string>(
      async (keys) => {
        const rows = await prisma.$queryRaw<(FlatArticle & { ord: number })[]>`
          SELECT k.ord::int AS ord, ${ARTICLE_COLUMNS}
          FROM unnest(${keys.map((k) => k.parentId)}::int[], ${keys.map((k) => k.take)}::int[],
                      ${keys.map((k) => (k.after?.[0] as string | undefined) ?? null)}::timestamp[],
                      ${keys.map((k) => (k.after?.[1] as number | undefined) ?? null)}::int[])
               WITH ORDINALITY AS k(entity_id, take, after_at, after_id, ord)
          CROSS JOIN LATERAL (
            SELECT a.id FROM "Mention" m JOIN "Article" a ON a.id = m."articleId"
            WHERE m."entityId" = k.entity_id AND ${visibleArticleSql(visibility)}
              AND (k.after_id IS NULL OR ${afterArticle(P.sql`k.after_at`, P.sql`k.after_id`)})
            ORDER BY ${ARTICLE_ORDER}
            LIMIT k.take
          ) page
          JOIN "Article" a ON a.id = page.id LEFT JOIN "ArticleTranslation" t ON t."articleId" = a.id
          ORDER BY k.ord, ${ARTICLE_ORDER}, t.id`;
        // An article can be on several entities' pages: fold each page apart.
        return groupByKey(
          keys.map((_, i) => i + 1),
          rows,
          (r) => r.ord,
        ).map(foldArticles);
      },
      { cacheKeyFn: pageKey },
    ),
    articleCountOfEntity: new DataLoader<number, number>(async (ids) => {
      const rows = await prisma.$queryRaw<{ entityId: number; total: number }[]>`
        SELECT m."entityId", count(*)::int AS total FROM "Mention" m JOIN "Article" a ON a.id = m."articleId"
        WHERE m."entityId" = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)} GROUP BY m."entityId"`;
      return byKey(ids, rows, (r) => r.entityId).map((r) => r?.total ?? 0);
    }),
    /** Ids of the quotes each entity said, in visible articles, newest first. */
    quoteIdsOfEntity: new DataLoader<NestedPageKey, { id: number }[], string>(
      async (keys) => {
        const rows = await prisma.$queryRaw<{ ord: number; id: number }[]>`
          SELECT k.ord::int AS ord, q.id
          FROM unnest(${keys.map((k) => k.parentId)}::int[], ${keys.map((k) => k.take)}::int[],
                      ${keys.map((k) => (k.after?.[0] as number | undefined) ?? null)}::int[])
               WITH ORDINALITY AS k(speaker_id, take, after_id, ord)
          CROSS JOIN LATERAL (
            SELECT q.id FROM "Quote" q JOIN "Article" a ON a.id = q."articleId"
            WHERE q."speakerId" = k.speaker_id AND ${visibleArticleSql(visibility)}
              AND (k.after_id IS NULL OR q.id < k.after_id)
            ORDER BY q.id DESC
            LIMIT k.take
          ) q
          ORDER BY k.ord, q.id DESC`;
        return groupByKey(
          keys.map((_, i) => i + 1),
          rows,
          (r) => r.ord,
        );
      },
      { cacheKeyFn: pageKey },
    ),
    quoteCountOfEntity: new DataLoader<number, number>(async (ids) => {
      const rows = await prisma.$queryRaw<{ speakerId: number; total: number }[]>`
        SELECT q."speakerId", count(*)::int AS total FROM "Quote" q JOIN "Article" a ON a.id = q."articleId"
        WHERE q."speakerId" = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)} GROUP BY q."speakerId"`;
      return byKey(ids, rows, (r) => r.speakerId).map((r) => r?.total ?? 0);
    }),
  };
}
