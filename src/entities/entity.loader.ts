import DataLoader from 'dataloader';
import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, EntityRow } from '../db/rows.js';
import { selectArticlePage } from '../articles/article-page.sql.js';
import { servedBatch, servedKey, type ServedKey } from '../articles/article.loader.js';
import type { Translator } from '../i18n/i18n.js';
import { selectEntities } from './entity.sql.js';
import { byKey, groupByKey } from '../common/group.js';
import { visibleArticleSql, type Visibility } from '../articles/visibility.js';
import { afterArticle, afterCursor, ARTICLE_ORDER } from '../articles/article.order.js';
import { readRows } from '../db/direct-reads.js';

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
export function entityLoaders(db: Db, visibility: Visibility, translator: Translator) {
  return {
    /**
     * Entities by id. A duplicate merged into another resolves to the one kept, so old ids in
     * clients, caches and links keep working; that costs a second statement only when a merged id
     * is asked for. Merges are flattened (what was merged into a duplicate is re-pointed to the
     * entity kept), so one hop always reaches a live entity.
     */
    entity: new DataLoader<number, EntityRow | null>(async (ids) => {
      const rows = await selectEntities(db, ids);
      const targets = [...new Set(rows.flatMap((r) => (r.mergedIntoId === null ? [] : [r.mergedIntoId])))];
      const kept = targets.length > 0 ? await selectEntities(db, targets) : [];
      const byId = new Map([...rows, ...kept].map((r) => [r.id, r]));
      return ids.map((id) => {
        const row = byId.get(id);
        return row?.mergedIntoId != null ? (byId.get(row.mergedIntoId) ?? null) : (row ?? null);
      });
    }),
    /**
     * Visible articles mentioning each entity, in the feed's order, localized with what the
     * query selects: one statement for every entity's page (per language and selection). Cursor
     * dates are ISO text cast to `timestamp` like the column (see db/sql.ts).
     */
    articlesOfEntity: new DataLoader<NestedPageKey & ServedKey, ArticleReadRow[], string>(
      (keys) =>
        servedBatch(
          keys,
          (group, locale, wants) => {
            const serving = { chain: translator.chain(locale) };
            // One entity's page, the usual request, binds that entity's id on its own and is planned for it: PostgreSQL
            // then knows from its statistics how often the entity is named, and walks the feed's index for one named
            // in a third of the archive (20 rows found in ~70) instead of sorting its 16,000 articles; a rare one's
            // few mentions are read and sorted. A batch of pages cannot be planned for each entity.
            const [k] = group;
            if (group.length === 1 && k) {
              const page = P.sql`SELECT 1 AS ord, a.id FROM "Mention" m JOIN "Article" a ON a.id = m."articleId"
                WHERE m."entityId" = ${k.parentId} AND ${visibleArticleSql(visibility)} AND ${afterCursor(k.after)}
                ORDER BY ${ARTICLE_ORDER} LIMIT ${k.take}`;
              return selectArticlePage(db, page, visibility, wants, serving, true);
            }
            const source = P.sql`SELECT k.ord, page.id
              FROM unnest(${group.map((k) => k.parentId)}::int[], ${group.map((k) => k.take)}::int[],
                          ${group.map((k) => (k.after?.[0] as string | undefined) ?? null)}::timestamp[],
                          ${group.map((k) => (k.after?.[1] as number | undefined) ?? null)}::int[])
                   WITH ORDINALITY AS k(entity_id, take, after_at, after_id, ord)
              CROSS JOIN LATERAL (
                SELECT a.id FROM "Mention" m JOIN "Article" a ON a.id = m."articleId"
                WHERE m."entityId" = k.entity_id AND ${visibleArticleSql(visibility)}
                  AND (k.after_id IS NULL OR ${afterArticle(P.sql`k.after_at`, P.sql`k.after_id`)})
                ORDER BY ${ARTICLE_ORDER}
                LIMIT k.take
              ) page`;
            return selectArticlePage(db, source, visibility, wants, serving);
          },
          [],
        ),
      { cacheKeyFn: servedKey },
    ),
    articleCountOfEntity: new DataLoader<number, number>(async (ids) => {
      const rows = await readRows<{ entityId: number; total: number }>(
        db,
        P.sql`
        SELECT m."entityId", count(*)::int AS total FROM "Mention" m JOIN "Article" a ON a.id = m."articleId"
        WHERE m."entityId" = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)} GROUP BY m."entityId"`,
      );
      return byKey(ids, rows, (r) => r.entityId).map((r) => r?.total ?? 0);
    }),
    /** Ids of the quotes each entity said, in visible articles, newest first. */
    quoteIdsOfEntity: new DataLoader<NestedPageKey, { id: number }[], string>(
      async (keys) => {
        const rows = await readRows<{ ord: number; id: number }>(
          db,
          P.sql`
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
          ORDER BY k.ord, q.id DESC`,
        );
        return groupByKey(
          keys.map((_, i) => i + 1),
          rows,
          (r) => r.ord,
        );
      },
      { cacheKeyFn: pageKey },
    ),
    quoteCountOfEntity: new DataLoader<number, number>(async (ids) => {
      const rows = await readRows<{ speakerId: number; total: number }>(
        db,
        P.sql`
        SELECT q."speakerId", count(*)::int AS total FROM "Quote" q JOIN "Article" a ON a.id = q."articleId"
        WHERE q."speakerId" = ANY(${[...ids]}::int[]) AND ${visibleArticleSql(visibility)} GROUP BY q."speakerId"`,
      );
      return byKey(ids, rows, (r) => r.speakerId).map((r) => r?.total ?? 0);
    }),
  };
}
