import { Parser } from 'htmlparser2';
import { parseDateline } from './dateline.js';
import type { ImportLocale, Paragraph } from './dispatch.types.js';
import { normalizeText, splitParagraphs } from './parse-dispatch.js';

/**
 * The parts of an IPTC ninjs 3.1 item the importer reads. The item was checked against the
 * official schema first, so every field present has the schema's type; all but `uri` are optional.
 */
interface NinjsText {
  role?: string;
  contentType?: string;
  value: string;
}
export interface NinjsThing {
  name?: string;
  uri?: string;
}
export interface NinjsItem {
  uri: string;
  version?: string;
  language?: string;
  contentCreated?: string;
  firstCreated?: string;
  versionCreated?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  located?: string;
  infoSources?: { name?: string; role?: string }[];
  subjects?: NinjsThing[];
  people?: NinjsThing[];
  organisations?: NinjsThing[];
  places?: NinjsThing[];
  events?: NinjsThing[];
}

/** What the item says, in the shapes the raw importer's plan is made of. */
export interface ReadNinjs {
  uri: string;
  version: string | null;
  headline: string | null;
  lede: string;
  body: Paragraph[];
  /** ninjs dates are instants: the first of contentCreated, firstCreated, versionCreated. */
  published: Date | null;
  /** `located`, else the place of a dateline opening the lede ("GROSSETO, Italy (AP) --"). */
  dateline: string | null;
  agency: string | null;
  /** subjects, people, organisations, places and events, in that order. */
  things: NinjsThing[];
}

/** A `language` that is neither French nor English (BCP 47 primary subtag). */
export class NinjsLanguageError extends Error {
  constructor(readonly value: string) {
    super(`ninjs language ${value}`);
  }
}

const LANGUAGES: Record<string, ImportLocale> = { fr: 'FR', en: 'EN' };

/** 'fr', 'fr-CA', 'EN-gb' → FR / EN; null when the item says nothing. */
export function ninjsLocale(item: NinjsItem): ImportLocale | null {
  if (item.language === undefined) return null;
  const locale = LANGUAGES[item.language.split('-')[0]!.toLowerCase()];
  if (!locale) throw new NinjsLanguageError(item.language);
  return locale;
}

const isHtml = (t: NinjsText) => /html|xhtml|xml/i.test(t.contentType ?? '');
/** A body without contentType is plain text (the schema's examples send it so). */
const isPlain = (t: NinjsText) => t.contentType === undefined || /^text\/plain\b/i.test(t.contentType);
const BLOCKS = new Set(['p', 'div', 'li', 'blockquote', 'section', 'article', 'br', 'tr', 'dd', 'dt', 'figcaption', 'pre']);
const HEADINGS = /^h[1-6]$/;
const SKIPPED = new Set(['script', 'style', 'head', 'template']);

/** HTML as paragraphs: every block element ends one, <h1>–<h6> are intertitles; tags dropped, entities decoded. */
function htmlParagraphs(html: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let text = '';
  let heading = 0;
  let skipped = 0;
  const flush = (kind: Paragraph['kind']) => {
    const clean = normalizeText(text).replace(/\s+/gu, ' ').trim();
    if (clean) paragraphs.push({ kind, text: clean });
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipped++;
        else if (HEADINGS.test(name)) {
          flush('TEXT');
          heading++;
        } else if (BLOCKS.has(name)) flush(heading ? 'HEADING' : 'TEXT');
      },
      ontext(data) {
        if (!skipped) text += data;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipped = Math.max(0, skipped - 1);
        else if (HEADINGS.test(name)) {
          flush('HEADING');
          heading = Math.max(0, heading - 1);
        } else if (BLOCKS.has(name)) flush(heading ? 'HEADING' : 'TEXT');
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flush('TEXT');
  return paragraphs;
}

/**
 * The text: the plain-text body when there is one (paragraphs split on blank lines, as raw wire
 * text), else the HTML one stripped. Plain text cannot mark intertitles, so when an HTML body comes
 * too, a plain paragraph that is a heading there is a heading here (our own export sends both).
 */
function paragraphsOf(bodies: NinjsText[]): Paragraph[] {
  const main = (list: NinjsText[]) => list.find((b) => b.role === 'main') ?? list[0];
  const plain = main(bodies.filter(isPlain));
  const html = main(bodies.filter(isHtml));
  const fromHtml = html ? htmlParagraphs(html.value) : [];
  if (!plain) return fromHtml;
  const headings = new Set(fromHtml.filter((p) => p.kind === 'HEADING').map((p) => p.text));
  return splitParagraphs(normalizeText(plain.value)).map((p) => (headings.has(p.text) ? { ...p, kind: 'HEADING' } : p));
}

const pick = (list: NinjsText[] | undefined, role: string) => (list?.find((t) => t.role === role) ?? list?.[0])?.value.trim() || null;

/** Reads an item (already valid against the schema) into the importer's terms. */
export function readNinjs(item: NinjsItem): ReadNinjs {
  const paragraphs = paragraphsOf(item.bodies ?? []);
  const summary = pick(item.descriptions, 'summary');
  const description = summary && normalizeText(summary).replace(/\s+/gu, ' ').trim();
  // Our export, like many feeds, starts the body with the summary: it is the lede, not a repeat of it.
  if (description && paragraphs[0]?.text === description) paragraphs.shift();
  const first = description ?? (paragraphs[0]?.kind === 'TEXT' ? paragraphs.shift()!.text : '');
  const dateline = parseDateline(first);
  const when = item.contentCreated ?? item.firstCreated ?? item.versionCreated;
  return {
    uri: item.uri,
    version: item.version ?? null,
    headline: pick(item.headlines, 'main'),
    lede: dateline ? dateline.rest : first,
    body: paragraphs,
    published: when ? new Date(when) : null,
    dateline: item.located?.trim() || dateline?.place || null,
    agency: (item.infoSources?.find((s) => s.role === 'originator') ?? item.infoSources?.[0])?.name?.trim() || dateline?.agency || null,
    things: [item.subjects, item.people, item.organisations, item.places, item.events].flatMap((list) => list ?? []),
  };
}
