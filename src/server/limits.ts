/** Every limit of the API, named, with the reason for its value. */
export const LIMITS = {
  /** Page size when `first` is omitted: a screenful of a mobile feed. */
  PAGE_SIZE_DEFAULT: 20,
  /** Largest `first`: keeps one request's rows and JSON bounded whatever the client asks. */
  PAGE_SIZE_MAX: 100,
  /** Longest cursor accepted: real cursors are < 100 characters; anything longer is not ours. */
  CURSOR_MAX_LENGTH: 200,
  /**
   * Longest `entities(filter: { name })`: real names and aliases stay under 60 characters, and
   * trigram matching costs grow with the query, so anything longer is not a name and only costs.
   */
  ENTITY_NAME_QUERY_MAX_LENGTH: 100,
} as const;

/** Search: input bounds and the ranking knobs, tuned on the seed dispatch. */
export const SEARCH = {
  /** Longest query: a headline-length phrase; longer inputs are pasted text, not searches. */
  QUERY_MAX_LENGTH: 200,
  /** An entity name must resemble the query this closely (pg_trgm word similarity) to pull in the articles naming it. */
  NAME_MATCH_MIN_SIMILARITY: 0.8,
  /** Rank of an article found only through an entity it names, per mention (up to 5). */
  MENTION_RANK: 0.02,
  /** ts_headline options: HTML marks around matches, a couple of short fragments. */
  HEADLINE_OPTIONS: 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "',
} as const;


/** Default request budgets per client (RATE_LIMIT_* override them); a GraphQL request counts 1. */
export const RATE_LIMIT = {
  /** Fixed window: a minute smooths bursts (an app opening fires a handful of requests at once). */
  WINDOW_SECONDS: 60,
  /**
   * Per IP (or per reader token): 10 requests a second sustained is far above a person reading on
   * an app or site, and leaves room for a carrier NAT putting many phones behind one address.
   */
  ANONYMOUS: 600,
  /** Per editor or admin token: generous, for Sandbox sessions, imports and scripts run by the newsroom. */
  EDITOR: 6_000,
} as const;
