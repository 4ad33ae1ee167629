/**
 * Types of the raw-dispatch importer's pure steps (parse → quotes → entities). Plain string
 * unions rather than the Prisma/GraphQL enums so these modules load nothing but themselves; the
 * values are the same ('FR', 'TEXT', 'MONTH'…), so the service layer can pass them straight on.
 */
export type ImportLocale = 'FR' | 'EN';
type ParagraphKind = 'TEXT' | 'HEADING';
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface Paragraph {
  kind: ParagraphKind;
  text: string;
}

/** Half-open range [start, end) of UTF-16 offsets in a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Every warning the importer can emit. Warnings are codes and parameters, never sentences: the
 * API layer words them in the request's language (one translation per code and locale).
 */
const IMPORT_WARNING_CODES = [
  /** No leading `date …` line and no full date in the dateline: the article is undated. */
  'noDate',
  /** A `date …` line that is not a real date (params.value), e.g. 2024-02-30: ignored. */
  'invalidDate',
  /** Nothing but whitespace (and maybe a date line). */
  'emptyText',
  /** The first paragraph is shaped like an intertitle; it is kept as the lede, dashes removed. */
  'ledeIsHeading',
  /** A quote mark (params.mark) without its pair in params.paragraph (-1: lede): no quote taken. */
  'unbalancedQuotes',
] as const;
type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
  code: ImportWarningCode;
  params: Record<string, unknown>;
}

export interface ParsedDispatch {
  /** ISO date as precise as the text: '2024', '2024-04' or '2024-04-19'; null when undated. */
  published: string | null;
  datePrecision: DatePrecision | null;
  /** Dateline place as the text names it ('Niamey'; capitals title-cased: 'WASHINGTON' → 'Washington'). */
  dateline: string | null;
  /** Agency named in the dateline ('AFP', 'Reuters'); null when the text names none. */
  agency: string | null;
  lede: string;
  body: Paragraph[];
  warnings: ImportWarning[];
}

export interface ExtractedQuote {
  /** The words inside the marks, trimmed (and without the comma English puts inside them). */
  text: string;
  /** Index in `body`; -1 for the lede (the seed's convention). */
  paragraph: number;
  /** Who the sentence attributes the words to, as written ("la télévision nigérienne"); null if nobody. */
  attribution: string | null;
  /** The name-like core of the attribution, for the entity matcher ("télévision nigérienne", "Jean Dupont"). */
  speakerName: string | null;
}
