import type { LocaleCode } from '../config.js';
import type { ArticleRecord } from './article-record.js';
import { articleUrn, bcp47, entityUri, html, nameIn, otherVersions, plainText, versionCreated, wordCount, type TextRecord } from './language-versions.js';

const NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#';

const PUB_STATUS = { PUBLISHED: 'usable', DRAFT: 'withheld', ARCHIVED: 'canceled' } as const;
const ENTITY_LIST = { PERSON: 'people', ORGANIZATION: 'organisations', PLACE: 'places', EVENT: 'events', OTHER: 'subjects' } as const;

type Json = Record<string, unknown>;

/**
 * One language version as an IPTC ninjs 3.1 item. ninjs has no translation object: every language
 * version is an item of its own with the same `uri` and its own `language`, and `associations`
 * lists the others (rel "translation" from the source, "original" towards it). ninjs has no quote
 * object either, and its dates are full instants: quotes stay in the body text, and the publication
 * date of a MONTH- or DAY-precision dispatch is left out rather than given a day or a time.
 * A scheduled article carries `embargoedUntil` for editors (usable from that instant on).
 */
export function toNinjs(record: ArticleRecord, served: TextRecord, view: { readers: boolean }): Json {
  const text = plainText(served);
  const item: Json = {
    uri: articleUrn(record.id),
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA },
    type: 'text',
    representationType: 'full',
    version: String(record.version),
    firstCreated: record.createdAt.toISOString(),
    versionCreated: versionCreated(record, served).toISOString(),
    ...(record.publishedAt && record.datePrecision === 'TIME' && { contentCreated: record.publishedAt.toISOString() }),
    pubStatus: PUB_STATUS[record.status],
    // Editors see the schedule; readers see an article only once released, when it no longer binds.
    ...(!view.readers && record.embargoedUntil && { embargoedUntil: record.embargoedUntil.toISOString() }),
    language: bcp47(served.locale),
    headlines: [{ role: 'main', value: served.title }],
    ...(served.lede && { descriptions: [{ role: 'summary', contentType: 'text/plain', value: served.lede }] }),
    bodies: [
      { role: 'main', contentType: 'text/plain', charCount: text.length, wordCount: wordCount(text), value: text },
      { role: 'richtext', contentType: 'text/html', value: html(served) },
    ],
    ...(record.dateline && { located: nameIn(record.dateline, served.locale) }),
    ...(record.agency && { by: record.agency, infoSources: [{ name: record.agency, role: 'originator' }] }),
    ...mentionLists(record, served.locale),
    altIds: [{ role: 'slug', value: record.slug }],
  };
  const others = otherVersions(record, served);
  if (others.length > 0) item.associations = others.map((t) => association(record, served, t));
  return item;
}

function mentionLists(record: ArticleRecord, locale: LocaleCode): Json {
  const lists: Record<string, Json[]> = {};
  for (const { entity } of record.mentions) {
    const list = ENTITY_LIST[entity.type];
    lists[list] = [...(lists[list] ?? []), { name: nameIn(entity, locale), rel: 'mentioned', uri: entityUri(entity) }];
  }
  return lists;
}

function association(record: ArticleRecord, served: TextRecord, other: TextRecord): Json {
  return {
    name: `${bcp47(other.locale)}-version`,
    rel: other.locale === record.sourceLocale ? 'original' : served.locale === record.sourceLocale ? 'translation' : 'sibling-translation',
    uri: articleUrn(record.id),
    type: 'text',
    language: bcp47(other.locale),
    version: String(record.version),
    versionCreated: versionCreated(record, other).toISOString(),
    headlines: [{ role: 'main', value: other.title }],
  };
}
