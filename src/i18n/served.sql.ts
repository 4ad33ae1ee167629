import { Prisma as P } from '@prisma/client';
import { inline } from '../db/sql.js';
import { LOCALES, type LocaleCode } from '../config.js';
import type { EntityReadRow, EntityTextRow } from '../db/rows.js';

// Localized reads in SQL: of a row's language versions, the one to serve, in the order
// pickTranslation follows (the configured chain, then the original language, then the oldest).

/** The fallback chain of the requested language, as a `"Locale"[]` written in the statement (see inline), and whether it names every language. */
export interface ChainSql {
  sql: P.Sql;
  complete: boolean;
}

export const chainSql = (chain: readonly LocaleCode[]): ChainSql => ({
  // Empty for a read of whole rows (every version), which orders none.
  sql: chain.length === 0 ? P.raw(`'{}'::"Locale"[]`) : P.sql`ARRAY[${P.join(chain.map(inline))}]::"Locale"[]`,
  complete: LOCALES.every((locale) => chain.includes(locale)),
});

/**
 * The order to serve `alias`'s versions in: position along the chain, then `tieBreak`. A row has
 * one version per language, so a chain naming every language leaves no tie, and the statement
 * sorts on one key (a fifth of the feed's database time went to the sort keys that never decide).
 */
const servingOrder = (chain: ChainSql, alias: string, tieBreak: P.Sql) =>
  chain.complete
    ? P.sql`array_position(${chain.sql}, ${P.raw(alias)}.locale)`
    : P.sql`array_position(${chain.sql}, ${P.raw(alias)}.locale) NULLS LAST, ${tieBreak}`;

// Along the chain, then the original, then the oldest version.
export const along = (chain: ChainSql, alias: string, original: P.Sql) =>
  servingOrder(chain, alias, P.sql`${P.raw(alias)}.locale = ${original} DESC, ${P.raw(alias)}.id`);

/**
 * The entity `idColumn` with the version served, as one flat JSON object (see ServedEntityJson):
 * `brief` sends only what a name needs (id, type, language, name), the rest only when the query
 * selects one of description, aliases, wikidataId or version. Merged entities are never served
 * here: a merge repoints quotes and mentions in its transaction, so a statement never meets one.
 */
export const servedEntity = (idColumn: P.Sql, chain: ChainSql, brief = false) => P.sql`(
  SELECT json_build_object('id', e.id, 'type', e.type, 'locale', t.locale, 'name', t.name${
    brief ? P.empty : P.sql`, 'wikidataId', e."wikidataId", 'version', e.version, 'description', t.description, 'aliases', t.aliases`
  })
  FROM "Entity" e LEFT JOIN LATERAL (
    SELECT t.locale, t.name${brief ? P.empty : P.sql`, t.description, t.aliases`} FROM "EntityTranslation" t WHERE t."entityId" = e.id
    ORDER BY ${servingOrder(chain, 't', P.sql`t.origin = 'ORIGINAL' DESC, t.locale = 'FR' DESC, t.id`)} LIMIT 1) t ON true
  WHERE e.id = ${idColumn})`;

/** servedEntity's JSON; `locale` and `name` are null for an entity without any version. */
export type ServedEntityJson = Pick<EntityReadRow, 'id' | 'type' | 'wikidataId' | 'version'> & { locale: LocaleCode | null; name: string | null } & Partial<
    Pick<EntityTextRow, 'description' | 'aliases'>
  >;

/** The read row of servedEntity's JSON: localized, holding the one version served. */
export const fromServedEntity = ({ id, type, wikidataId, version, locale, name, ...text }: ServedEntityJson): EntityReadRow => ({
  id,
  type,
  wikidataId,
  version,
  translations: locale === null ? [] : [{ locale, name: name!, ...text }],
  localized: true,
});
