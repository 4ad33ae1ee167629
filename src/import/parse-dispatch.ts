import { isoDate, parseDateline, type DatedValue } from './dateline.js';
import type { ImportLocale, ImportWarning, Paragraph, ParsedDispatch } from './dispatch.types.js';

/** Longest intertitle: AFP's run to a few words; a longer dash-framed line is an aside, not a title. */
const HEADING_MAX_LENGTH = 80;

/**
 * `- Manifestation -`, `-- Récolte en baisse --`, `– Africa Corps –`, `— Title —`. The title must
 * start with a capital, a digit or a quote mark, so a wrapped aside such as "-- perçu comme … --"
 * never becomes one.
 */
const HEADING = /^(?:--?|[–—])\s*(?<title>[\p{Lu}\p{N}«“"][^\n]*?)\s*(?:--?|[–—])$/u;

/** `date 2024`, `date 2024-04`, `date 2024-04-19`, at the very start, alone on its line or not. */
const DATE_LINE = /^date[ \t]+(?<value>[\d-]+)(?=\s|$)/u;

/**
 * Wire text comes with typesetting whitespace: non-breaking and narrow non-breaking spaces (French
 * « » : ? !), tabs, CR/CRLF, zero-width and soft-hyphen characters, runs of spaces. Everything
 * becomes plain single spaces and \n, in NFC so "É" is one character wherever it came from.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/gu, '\n')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu, ' ')
    .replace(/ {2,}/gu, ' ');
}

function headingTitle(line: string): string | null {
  if (line.length > HEADING_MAX_LENGTH) return null;
  return HEADING.exec(line)?.groups?.title ?? null;
}

/**
 * Paragraphs are separated by any number of blank lines. Lines inside a paragraph are joined (wire
 * text is often hard-wrapped), except an intertitle line, which stands alone even without blank
 * lines around it.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) paragraphs.push({ kind: 'TEXT', text: lines.join(' ') });
    lines = [];
  };
  for (const line of text.split('\n').map((l) => l.trim())) {
    const title = line ? headingTitle(line) : null;
    if (!line || title !== null) flush();
    if (title !== null) paragraphs.push({ kind: 'HEADING', text: title });
    else if (line) lines.push(line);
  }
  flush();
  return paragraphs;
}

/**
 * Parses a raw wire dispatch: optional `date` line, lede (with its dateline, if any), body
 * paragraphs and intertitles. Nothing is guessed beyond what the text says: "vendredi" gives no
 * day, so `date 2024-04` stays MONTH. `locale` is the dispatch's language; the structure rules are
 * language-neutral today (month names of both languages are read), warnings are codes.
 */
export function parseDispatch(text: string, _locale: ImportLocale): ParsedDispatch {
  const warnings: ImportWarning[] = [];
  let rest = normalizeText(text).trimStart();

  let date: DatedValue | null = null;
  const dateLine = DATE_LINE.exec(rest);
  if (dateLine) {
    const value = dateLine.groups!.value!;
    const [y, m, d] = /^\d{4}(?:-\d{2}){0,2}$/u.test(value) ? value.split('-').map(Number) : [];
    date = y === undefined ? null : isoDate(y, m, d);
    if (!date) warnings.push({ code: 'invalidDate', params: { value } });
    rest = rest.slice(dateLine[0].length);
  }

  const paragraphs = splitParagraphs(rest);
  const first = paragraphs.shift();
  if (!first) warnings.push({ code: 'emptyText', params: {} });
  if (first?.kind === 'HEADING') warnings.push({ code: 'ledeIsHeading', params: {} });

  const dateline = first ? parseDateline(first.text) : null;
  date ??= dateline?.date ?? null;
  if (!date && !dateLine && first) warnings.push({ code: 'noDate', params: {} });

  return {
    published: date?.value ?? null,
    datePrecision: date?.precision ?? null,
    dateline: dateline?.place ?? null,
    agency: dateline?.agency ?? null,
    lede: dateline ? dateline.rest : (first?.text ?? ''),
    body: paragraphs,
    warnings,
  };
}
