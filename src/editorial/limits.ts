/** Bounds on editorial input, with their reasons (validated by class-validator on every input). */
export const TEXT_LIMITS = {
  /** Longest title: agency headlines stay under 150 characters; 300 leaves room for translations. */
  TITLE_MAX: 300,
  /** Longest lede: one paragraph. */
  LEDE_MAX: 2_000,
  /** Longest paragraph: a wire paragraph is a few sentences; 10,000 catches pasted whole articles. */
  PARAGRAPH_MAX: 10_000,
  /** Most paragraphs in a body: long features reach ~150. */
  PARAGRAPHS_MAX: 500,
  /** Longest quote. */
  QUOTE_MAX: 5_000,
  /** Longest attribution ("selon un communiqué officiel nigérien"). */
  ATTRIBUTION_MAX: 300,
  /** Longest entity name or alias. */
  NAME_MAX: 200,
  /** Most aliases per entity and language. */
  ALIASES_MAX: 50,
  /** Longest entity description: one or two sentences. */
  DESCRIPTION_MAX: 1_000,
  /** Longest agency name. */
  AGENCY_MAX: 100,
  /** Longest slug. */
  SLUG_MAX: 120,
  /** Most entities one article names: the seed dispatch names 25; more is a pasted index. */
  MENTIONS_MAX: 200,
} as const;

/** Bounds on a scheduled release (scheduleArticle). */
export const SCHEDULE_LIMITS = {
  /** Furthest release: embargoes run hours or days; a year ahead is a typo in the year. */
  AHEAD_MAX_DAYS: 366,
} as const;
