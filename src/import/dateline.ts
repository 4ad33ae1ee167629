import type { DatePrecision } from './dispatch.types.js';
import { MONTHS } from './lexicon.js';

export interface DatedValue {
  value: string;
  precision: DatePrecision;
}

export interface Dateline {
  place: string;
  agency: string;
  /** A date the dateline spells out with its year ("Paris, 19 avr 2024"); null without a year. */
  date: DatedValue | null;
  /** The lede without its dateline. */
  rest: string;
}

/**
 * `Niamey (AFP) -`, `WASHINGTON, April 19 (Reuters) -`, `Paris, 19 avr 2024 (AFP) —`,
 * `NIAMEY, Niger, May 2 (AP) --`: a capitalised place, optional comma-separated date or region,
 * the agency in brackets, a dash. The agency is required: without it "Africa Corps -- perçu…"
 * would read as a dateline.
 */
const DATELINE = /^(?<place>\p{Lu}[\p{L}\p{M}'’. -]{0,48}?)\s*(?:,(?<rest>[^()\n]{1,60}?))?\s*\((?<agency>[^()\n]{1,30})\)\s*(?:--|[-–—])\s+/u;

/** '2024', '2024-04' or '2024-04-19' if that day exists, with its precision; null otherwise. */
export function isoDate(year: number, month?: number, day?: number): DatedValue | null {
  if (year < 1000 || year > 9999) return null;
  if (month === undefined) return { value: String(year), precision: 'YEAR' };
  if (month < 1 || month > 12) return null;
  const mm = `${year}-${String(month).padStart(2, '0')}`;
  if (day === undefined) return { value: mm, precision: 'MONTH' };
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { value: `${mm}-${String(day).padStart(2, '0')}`, precision: 'DAY' };
}

/** "19 avr 2024", "April 19, 2024", "avril 2024": only with a year, since a wire date without one is ambiguous. */
function datelineDate(words: string): DatedValue | null {
  const tokens = words
    .toLowerCase()
    .split(/[\s,.]+/u)
    .filter(Boolean);
  const month = tokens.map((t) => MONTHS.get(t)).find((m) => m !== undefined);
  const year = tokens.find((t) => /^\d{4}$/u.test(t));
  const day = tokens.find((t) => /^\d{1,2}(?:er)?$/u.test(t));
  if (month === undefined || year === undefined) return null;
  return isoDate(Number(year), month, day === undefined ? undefined : parseInt(day, 10));
}

/** Small words that stay lower-case inside a place name, whatever the dispatch's language. */
const PLACE_PARTICLES = new Set(['d', 'de', 'du', 'des', 'la', 'le', 'les', 'au', 'aux', 'en', 'sur', 'sous', 'of', 'the', 'on', 'upon']);

/**
 * Wire datelines write the place in capitals ("WASHINGTON"); entity names are in title case and
 * matched case-sensitively, so the place is given back as a name: "Port-au-Prince", "N'Djamena".
 */
function titleCase(place: string): string {
  if (place !== place.toUpperCase()) return place;
  return place
    .toLowerCase()
    .split(/([ '’-])/u)
    .map((part, i) => (i > 0 && PLACE_PARTICLES.has(part) ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/** Reads the dateline opening a lede, if any. */
export function parseDateline(lede: string): Dateline | null {
  const m = DATELINE.exec(lede);
  if (!m?.groups) return null;
  const { place, rest = '', agency } = m.groups;
  return {
    place: titleCase(place!.trim()),
    agency: agency!.trim(),
    date: datelineDate(rest),
    rest: lede.slice(m[0].length),
  };
}
