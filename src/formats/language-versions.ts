import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import type { ArticleRecord, EntityRecord } from './article-record.js';

export type TextRecord = ArticleRecord['translations'][number];
interface Paragraph {
  kind: 'TEXT' | 'HEADING';
  text: string;
}

/** Stable across languages and renames: partners key their copies on it. */
export const articleUrn = (id: number) => `urn:depeche:article:${id}`;
const entityUrn = (id: number) => `urn:depeche:entity:${id}`;
/** The id in one of our URNs, read back (what an imported ninjs item names); null for any other uri or an id beyond a database integer. */
const idIn = (kind: 'article' | 'entity', uri: string | undefined) => {
  const id = new RegExp(`^urn:depeche:${kind}:([1-9]\\d{0,8})$`).exec(uri ?? '')?.[1];
  return id ? Number(id) : null;
};
export const articleIdOfUrn = (uri: string) => idIn('article', uri);
export const entityIdOfUrn = (uri: string | undefined) => idIn('entity', uri);
/** Wikidata's concept URI when an editor linked one, else ours. */
export const entityUri = (e: EntityRecord) => (e.wikidataId ? `http://www.wikidata.org/entity/${e.wikidataId}` : entityUrn(e.id));

/** BCP 47, as ninjs and schema.org want it. */
export const bcp47 = (locale: LocaleCode) => locale.toLowerCase();

/** The language version served for `requested`, as every other field picks it (fallback chain). */
export function servedVersion(ctx: Context, record: ArticleRecord, requested: LocaleCode): TextRecord | null {
  return ctx.localizer.pick(record.translations, requested, record.sourceLocale)?.text ?? null;
}

/** The other language versions, source first. */
export const otherVersions = (record: ArticleRecord, served: TextRecord) =>
  record.translations
    .filter((t) => t.locale !== served.locale)
    .sort((a, b) => Number(b.locale === record.sourceLocale) - Number(a.locale === record.sourceLocale));

export const nameIn = (e: EntityRecord, locale: LocaleCode) =>
  (e.translations.find((t) => t.locale === locale) ?? e.translations.find((t) => t.locale === 'FR') ?? e.translations[0])?.name ?? e.key;

const paragraphsOf = (t: TextRecord): Paragraph[] => (Array.isArray(t.body) ? (t.body as unknown as Paragraph[]) : []);

/** Lede and body as plain text, one paragraph a line block, intertitles on lines of their own. */
export function plainText(t: TextRecord): string {
  return [t.lede, ...paragraphsOf(t).map((p) => p.text)].filter((p): p is string => !!p).join('\n\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Lede and body as HTML: paragraphs, and intertitles as headings. */
export function html(t: TextRecord): string {
  const lede = t.lede ? [`<p>${escapeHtml(t.lede)}</p>`] : [];
  return [...lede, ...paragraphsOf(t).map((p) => (p.kind === 'HEADING' ? `<h2>${escapeHtml(p.text)}</h2>` : `<p>${escapeHtml(p.text)}</p>`))].join('\n');
}

export const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The publication date only as precise as known: "2024", "2024-04", "2024-04-19" or the instant. */
export function partialDate(at: Date, precision: ArticleRecord['datePrecision']): string {
  const iso = at.toISOString();
  if (precision === 'YEAR') return iso.slice(0, 4);
  if (precision === 'MONTH') return iso.slice(0, 7);
  if (precision === 'DAY') return iso.slice(0, 10);
  return iso;
}

/** When this language version last changed: its own text or the article's metadata. */
export const versionCreated = (record: ArticleRecord, t: TextRecord) => new Date(Math.max(record.updatedAt.getTime(), t.updatedAt.getTime()));
