import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import { withTranslations, type EntityRow } from '../db/rows.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { entityIdOfUrn } from '../formats/language-versions.js';
import { ninjsProblems } from '../formats/ninjs-schema.js';
import { ImportRefusal } from './import-refusal.js';
import { NinjsLanguageError, ninjsLocale, readNinjs, type NinjsItem, type NinjsThing } from './ninjs-item.js';

const ARGUMENT = 'input.ninjs';
/** Longest `uri` kept: agencies' run to ~100 characters; a unique index entry must stay well under PostgreSQL's 2,700 bytes. */
const URI_MAX = 1_000;

/**
 * Checks a ninjs item against the official schema and reads it into the importer's terms. Its
 * `language` says the text's language; `locale` stands in when it says none, and must agree when
 * both are given.
 */
export function ninjsParts(ninjs: unknown, locale: LocaleCode | null) {
  // Before the schema: a NUL is refused wherever it is, as in every other argument.
  const nul = nulAt(ninjs, ARGUMENT);
  if (nul) throw new ImportRefusal('BAD_USER_INPUT', 'storable.nul', { argument: nul });
  const problems = ninjsProblems(ninjs);
  if (problems.length > 0) {
    const [first] = problems;
    throw new ImportRefusal('BAD_USER_INPUT', 'ninjsInvalid', { argument: ARGUMENT, path: first!.path, complaint: first!.message, problems });
  }
  const item = ninjs as NinjsItem;
  if (item.uri.length > URI_MAX) throw new ImportRefusal('BAD_USER_INPUT', 'ninjsUri', { argument: `${ARGUMENT}.uri`, max: URI_MAX });
  // As many entities as an article may name (the seed names 26): a longer list is an index, not an item's subjects.
  for (const list of ['subjects', 'people', 'organisations', 'places', 'events'] as const) {
    const field = `${ARGUMENT}.${list}`;
    if ((item[list]?.length ?? 0) > TEXT_LIMITS.MENTIONS_MAX)
      throw new ImportRefusal('BAD_USER_INPUT', 'validation.arrayMaxSize', { argument: field, field, max: TEXT_LIMITS.MENTIONS_MAX });
  }
  let language: LocaleCode | null;
  try {
    language = ninjsLocale(item);
  } catch (e) {
    if (!(e instanceof NinjsLanguageError)) throw e;
    throw new ImportRefusal('BAD_USER_INPUT', 'ninjsLanguage', { argument: `${ARGUMENT}.language`, value: e.value });
  }
  if (language && locale && language !== locale)
    throw new ImportRefusal('BAD_USER_INPUT', 'ninjsLanguageMismatch', { argument: 'input.locale', value: item.language, locale });
  const resolved = language ?? locale;
  if (!resolved) throw new ImportRefusal('BAD_USER_INPUT', 'ninjsNoLanguage', { argument: 'input.locale' });

  const read = readNinjs(item);
  if (!read.lede.trim()) throw new ImportRefusal('BAD_USER_INPUT', 'importEmpty', { argument: `${ARGUMENT}.bodies` });
  return {
    item,
    parts: {
      locale: resolved,
      headline: read.headline,
      lede: read.lede,
      body: read.body,
      publishedAt: read.published,
      datePrecision: read.published ? ('TIME' as const) : null,
      dateline: read.dateline,
      agency: read.agency?.slice(0, TEXT_LIMITS.AGENCY_MAX) ?? null,
      warnings: read.published ? [] : [{ code: 'noDate' as const, params: {} }],
      things: read.things,
    },
  };
}

/** Where the first text holding a NUL is (`input.ninjs.headlines[0].value`): PostgreSQL text cannot store one. */
function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) return value.reduce<string | null>((found, v, i) => found ?? nulAt(v, `${path}[${i}]`), null);
  if (value && typeof value === 'object') return Object.entries(value).reduce<string | null>((found, [k, v]) => found ?? nulAt(v, `${path}.${k}`), null);
  return null;
}

const WIKIDATA = /^https?:\/\/www\.wikidata\.org\/(?:entity|wiki)\/(Q[1-9]\d{0,11})$/;

/**
 * The entities a ninjs item lists: by Wikidata URI, by our own `urn:depeche:entity:n` (a merged
 * entity stands for the one it was merged into), else by name or alias in the item's language
 * (`named`), each with the name the item gives it. Listed names no entity has are returned as
 * `unknown`, to become candidates.
 */
export async function listedEntities(
  prisma: Pick<Db, 'entity'>,
  things: readonly NinjsThing[],
  named: (name: string | undefined) => EntityRow | null,
): Promise<{ known: { entity: EntityRow; name: string | null }[]; unknown: string[] }> {
  const qids = things.flatMap((t) => WIKIDATA.exec(t.uri ?? '')?.[1] ?? []);
  const ids = things.flatMap((t) => entityIdOfUrn(t.uri) ?? []);
  const rows =
    qids.length + ids.length === 0
      ? []
      : await prisma.entity.findMany({ where: { OR: [{ wikidataId: { in: qids } }, { id: { in: ids } }] }, include: withTranslations });
  const mergedIds = rows.flatMap((r) => r.mergedIntoId ?? []);
  const targets = mergedIds.length ? await prisma.entity.findMany({ where: { id: { in: mergedIds } }, include: withTranslations }) : [];
  const live = (r: EntityRow | undefined) => (r?.mergedIntoId ? targets.find((t) => t.id === r.mergedIntoId) : r) ?? null;

  const known: { entity: EntityRow; name: string | null }[] = [];
  const unknown: string[] = [];
  for (const thing of things) {
    const qid = WIKIDATA.exec(thing.uri ?? '')?.[1];
    const id = entityIdOfUrn(thing.uri);
    const entity = live(rows.find((r) => (qid && r.wikidataId === qid) || r.id === id)) ?? named(thing.name);
    if (entity) known.push({ entity, name: thing.name?.trim() || null });
    // A "name" longer than any entity name is no name (a pasted paragraph): not a candidate.
    else if (thing.name?.trim() && thing.name.trim().length <= TEXT_LIMITS.NAME_MAX && !unknown.includes(thing.name.trim())) unknown.push(thing.name.trim());
  }
  return { known, unknown };
}
