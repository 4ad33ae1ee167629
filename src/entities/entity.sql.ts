import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { EntityRow, EntityTextRow, MentionRow } from '../db/rows.js';
import { foldTranslations } from '../db/flat-rows.js';
import { dated, jsonTimestamps, type Timestamped } from '../db/json-rows.js';
import { readRows } from '../db/direct-reads.js';

interface FlatEntity {
  id: number;
  key: string;
  type: EntityRow['type'];
  wikidataId: string | null;
  version: number;
  mergedIntoId: number | null;
  createdAt: Date;
  updatedAt: Date;
  tId: number | null;
  tLocale: EntityTextRow['locale'];
  tName: string;
  tDescription: string | null;
  tAliases: string[];
  tOrigin: EntityTextRow['origin'];
  tVersion: number;
  tCreatedAt: Date;
  tUpdatedAt: Date;
}

const ENTITY_COLUMNS = P.sql`
  e.id, e.key, e.type::text AS type, e."wikidataId", e.version, e."mergedIntoId", e."createdAt", e."updatedAt",
  t.id AS "tId", t.locale::text AS "tLocale", t.name AS "tName", t.description AS "tDescription", t.aliases AS "tAliases",
  t.origin::text AS "tOrigin", t.version AS "tVersion", t."createdAt" AS "tCreatedAt", t."updatedAt" AS "tUpdatedAt"`;

const toEntityRow = (r: FlatEntity): Omit<EntityRow, 'translations'> => ({
  id: r.id,
  key: r.key,
  type: r.type,
  wikidataId: r.wikidataId,
  version: r.version,
  mergedIntoId: r.mergedIntoId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toEntityText = (r: FlatEntity): EntityTextRow | null =>
  r.tId === null
    ? null
    : {
        id: r.tId,
        entityId: r.id,
        locale: r.tLocale,
        name: r.tName,
        description: r.tDescription,
        aliases: r.tAliases,
        origin: r.tOrigin,
        version: r.tVersion,
        createdAt: r.tCreatedAt,
        updatedAt: r.tUpdatedAt,
      };

/** Entities by id with every language version, in one statement. */
export async function selectEntities(prisma: Db, ids: readonly number[]): Promise<EntityRow[]> {
  const rows = await readRows<FlatEntity>(
    prisma,
    P.sql`
    SELECT ${ENTITY_COLUMNS}
    FROM "Entity" e LEFT JOIN "EntityTranslation" t ON t."entityId" = e.id
    WHERE e.id = ANY(${[...ids]}::int[])
    ORDER BY e.id, t.id`,
  );
  return foldTranslations(rows, toEntityRow, toEntityText);
}

/** Mentions of the given articles with their entities, most mentioned first, in one statement. */
export async function selectMentions(prisma: Db, articleIds: readonly number[]): Promise<MentionRow[]> {
  const rows = await readRows<FlatEntity & { mArticleId: number; mCount: number }>(
    prisma,
    P.sql`
    SELECT m."articleId" AS "mArticleId", m.count AS "mCount", ${ENTITY_COLUMNS}
    FROM "Mention" m JOIN "Entity" e ON e.id = m."entityId" LEFT JOIN "EntityTranslation" t ON t."entityId" = e.id
    WHERE m."articleId" = ANY(${[...articleIds]}::int[])
    ORDER BY m.count DESC, m."entityId", m."articleId", t.id`,
  );
  // One entity appears under several articles: fold per (article, entity), not per entity.
  const mentions = new Map<string, MentionRow>();
  for (const r of rows) {
    const key = `${r.mArticleId}:${r.id}`;
    let mention = mentions.get(key);
    if (!mention) {
      mention = { articleId: r.mArticleId, entityId: r.id, count: r.mCount, entity: { ...toEntityRow(r), translations: [] } };
      mentions.set(key, mention);
    }
    const text = toEntityText(r);
    if (text) mention.entity.translations.push(text);
  }
  return [...mentions.values()];
}

/**
 * The entity whose id is `idColumn`, with its language versions, as one JSON value: lets another
 * row carry its entity (a quote its speaker) without a round trip of its own.
 */
export const entityJson = (idColumn: P.Sql) => P.sql`(
  SELECT json_build_object('id', e.id, 'key', e.key, 'type', e.type, 'wikidataId', e."wikidataId", 'version', e.version,
    'mergedIntoId', e."mergedIntoId", ${jsonTimestamps('e')},
    'translations', (SELECT json_agg(json_build_object('id', t.id, 'entityId', t."entityId", 'locale', t.locale, 'name', t.name,
        'description', t.description, 'aliases', t.aliases, 'origin', t.origin, 'version', t.version,
        ${jsonTimestamps('t')}) ORDER BY t.id)
      FROM "EntityTranslation" t WHERE t."entityId" = e.id))
  FROM "Entity" e WHERE e.id = ${idColumn})`;

type EntityJson = Timestamped<Omit<EntityRow, 'translations'>> & { translations: Timestamped<EntityTextRow>[] | null };

export const fromEntityJson = ({ translations, ...entity }: EntityJson): EntityRow => ({
  ...dated<Omit<EntityRow, 'translations'>>(entity),
  translations: (translations ?? []).map(dated<EntityTextRow>),
});
