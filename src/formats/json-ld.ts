import type { ArticleRecord, EntityRecord } from './article-record.js';
import { articleUrn, bcp47, entityUri, nameIn, otherVersions, partialDate, plainText, versionCreated, type TextRecord } from './language-versions.js';
import type { LocaleCode } from '../config.js';

const SCHEMA_TYPE = { PERSON: 'Person', ORGANIZATION: 'Organization', PLACE: 'Place', EVENT: 'Event', OTHER: 'Thing' } as const;
/** `about`: what the dispatch is about, taken as its most named entities; the rest are `mentions`. */
const ABOUT = 3;

type Json = Record<string, unknown>;

const thing = (e: EntityRecord, locale: LocaleCode): Json => ({
  '@type': SCHEMA_TYPE[e.type],
  name: nameIn(e, locale),
  ...(e.wikidataId && { sameAs: entityUri(e) }),
});

/** A language version's own node id: the article URN with its language. */
const versionId = (record: ArticleRecord, t: TextRecord) => `${articleUrn(record.id)}#${bcp47(t.locale)}`;

const versionRef = (record: ArticleRecord, t: TextRecord): Json => ({
  '@type': 'NewsArticle',
  '@id': versionId(record, t),
  inLanguage: bcp47(t.locale),
  headline: t.title,
});

/** One language version as a schema.org NewsArticle, its translations linked both ways. */
export function toJsonLd(record: ArticleRecord, served: TextRecord): Json {
  const locale = served.locale;
  const others = otherVersions(record, served);
  const isSource = locale === record.sourceLocale;
  const source = record.translations.find((t) => t.locale === record.sourceLocale);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': versionId(record, served),
    identifier: articleUrn(record.id),
    inLanguage: bcp47(locale),
    headline: served.title,
    ...(served.lede && { description: served.lede }),
    articleBody: plainText(served),
    ...(record.status === 'PUBLISHED' && record.publishedAt && { datePublished: partialDate(record.publishedAt, record.datePrecision) }),
    dateCreated: record.createdAt.toISOString(),
    dateModified: versionCreated(record, served).toISOString(),
    ...(record.dateline && { dateline: nameIn(record.dateline, locale), contentLocation: thing(record.dateline, locale) }),
    ...(record.agency && { sourceOrganization: { '@type': 'Organization', name: record.agency } }),
    about: record.mentions.slice(0, ABOUT).map((m) => thing(m.entity, locale)),
    mentions: record.mentions.slice(ABOUT).map((m) => thing(m.entity, locale)),
    ...(isSource
      ? others.length > 0 && { workTranslation: others.map((t) => versionRef(record, t)) }
      : source && { translationOfWork: versionRef(record, source) }),
  };
}
