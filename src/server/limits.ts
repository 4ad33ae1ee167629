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
  /**
   * Distinct words in a query (repeats count once and are dropped): a headline has about 10,
   * and every word is one more lookup in the text indexes and one more term to rank.
   */
  TERMS_MAX: 10,
  /**
   * Matches ranked per source (article texts, articles naming a matching entity, quotes): the
   * newest ones. Ranking reads each match's text vector; a word found in every article would
   * otherwise rank the whole archive. `totalCount` counts hits among these.
   */
  RANKED_ROWS_MAX: 1_000,
  /**
   * Article and quote texts are matched article by article through this many of the newest
   * visible articles before the text index is used for older ones (newestMatches in
   * src/search/search.sql.ts): a word found in every text then costs a walk of recent articles,
   * not the collection of every match in the archive to keep the newest RANKED_ROWS_MAX
   * (measured on 50,000 articles: quote texts of the ten most frequent words in 51 instead of
   * 325 ms). SEARCH_RECENT_ARTICLES overrides it; 0 uses the index alone.
   */
  RECENT_ARTICLES: 500,
  /**
   * When the recent articles hold at least 1/(1 + WALK_ON) of RANKED_ROWS_MAX matches, the walk
   * goes on through up to WALK_ON times as many older articles before the index takes over: at
   * that density walking (about 20 µs an article) is cheaper than the index, which costs about
   * 5 µs a match across the whole archive; below it, the index is.
   */
  WALK_ON: 8,
  /**
   * Share of DB_POOL_SIZE that search statements may hold at once (at least 1): the rest stays
   * free for reads, writes and token lookups however many searches arrive.
   */
  POOL_SHARE: 0.25,
  /**
   * Searches that may wait for a slot, per slot; past that, SERVICE_UNAVAILABLE at once. A waiting
   * search holds no connection, and a bounded search takes tens of milliseconds: 16 per slot
   * serves 32 concurrent searches on the default pool in well under a second of waiting.
   */
  QUEUE_PER_SLOT: 16,
  /** Share of the search slots heavy searches may hold at once (at least 1): the budget below is what bounds them. */
  HEAVY_SHARE: 1,
  /**
   * Database time heavy statements may spend per second of a process (the budget refills at this
   * rate): 750 ms is three quarters of a core, whatever the text of the searches, so clients
   * looping the most expensive search the limits accept leave the rest to everything else
   * (measured on 2 cores: the feed's p99 1.7 times its idle p99; at 500 ms, 1.3 times, but a
   * caller repeating the worst request waited 1.4 s for the budget).
   */
  HEAVY_MS_PER_SECOND: 750,
  /** Budget a quiet process holds: a caller repeating a request of three heavy searches (about 1.2 s of statements) waits for nothing. */
  HEAVY_BURST_MS: 3_000,
  /**
   * A search is heavy when it asks for more snippets than a screen of results shows (ts_headline
   * reads each hit's text) or for more distinct words than a headline search has (each is one more
   * index lookup and one more term to rank across RANKED_ROWS_MAX rows per source).
   */
  LIGHT_SNIPPETS_MAX: 20,
  LIGHT_TERMS_MAX: 4,
  /** An entity name must resemble the query this closely (pg_trgm word similarity) to pull in the articles naming it. */
  NAME_MATCH_MIN_SIMILARITY: 0.8,
  /** Rank of an article found only through an entity it names, per mention (up to 5). */
  MENTION_RANK: 0.02,
  /**
   * Characters of a text that snippets are cut from: ts_headline reads all it is given. A wire
   * dispatch is 2,000 to 5,000 characters (the seed 4,000); a pasted report of 100,000 would cost
   * a page of hits more than the search itself.
   */
  SNIPPET_SOURCE_MAX: 10_000,
  /** ts_headline options: HTML marks around matches, a couple of short fragments. */
  HEADLINE_OPTIONS: 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "',
} as const;

/** Connections search statements may hold at once, of a pool of `poolSize` (SEARCH.POOL_SHARE, at least 1). */
export const searchSlots = (poolSize: number): number => Math.max(1, Math.floor(poolSize * SEARCH.POOL_SHARE));

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

/**
 * Query limits: every request is measured against them before any resolver runs, and refused
 * with QUERY_TOO_COMPLEX (`extensions.limit` names the limit) when over. Each one is a default:
 * `QUERY_MAX_<NAME>` in the environment overrides it (src/config.ts). The realistic operations
 * (README examples, the mobile feed, Apollo Sandbox's introspection query, the test suite) stay
 * well under every one of them.
 */
export const QUERY_LIMITS = {
  /**
   * Characters of the query text, checked before it is even parsed. The full introspection query
   * (every option Apollo Sandbox asks for) is about 2,100 characters and the mobile feed 160;
   * 20,000 leaves room for generated documents with many fragments and comments.
   */
  CHARACTERS: 20_000,
  /**
   * Lexical tokens (names, punctuation, values), counted before parsing: parse and validation
   * work grows with them. The full introspection query has about 190, the mobile feed about 40.
   */
  TOKENS: 2_000,
  /**
   * Nesting of fields, through fragments (introspection's `__schema`/`__type` subtrees are left
   * out: graphql-js's MaxIntrospectionDepthRule already bounds them). The deepest real path,
   * article → mentions → entity → articles → edges → node → quotes → speaker → name, is 9.
   */
  DEPTH: 12,
  /** Aliased fields in a document: aliases are how one request asks for one costly field many times. */
  ALIASES: 20,
  /** Directive uses (`@include`, `@skip`, …) in a document: a few per screen; thousands only burn validation time. */
  DIRECTIVES: 20,
  /**
   * Estimated cost (src/server/query-cost.ts): 1 per field, a connection costs `first` (default
   * PAGE_SIZE_DEFAULT) times its selection, and an unpaged list its COST_ESTIMATES size times. The
   * mobile feed (`articles(first: 20)` with mentions and quotes) costs about 3,100, the same feed
   * with `first: 100` about 15,700; 20,000 is about as many values as one 1 MB response holds.
   */
  COST: 20_000,
} as const;

export type QueryLimitName = Lowercase<keyof typeof QUERY_LIMITS>;

/**
 * Live updates (GraphQL subscriptions over WebSocket, src/live/): each open subscription holds
 * memory and a database read per event, each connection a socket. LIVE_MAX_* override them.
 */
export const LIVE_LIMITS = {
  /** Subscriptions open at once on one connection: an app screen follows a handful (the feed, the story shown, a queue). */
  SUBSCRIPTIONS_PER_CONNECTION: 10,
  /**
   * WebSocket connections open at once from one client IP: an app or a browser tab opens one; a
   * carrier NAT or an office puts many readers behind one address.
   */
  CONNECTIONS_PER_IP: 100,
} as const;

/** Items an unpaged list field is assumed to hold when estimating cost: a generous real-world size. */
export const COST_ESTIMATES = {
  /** Entities one article names: the seed dispatch names 25. */
  MENTIONS_PER_ARTICLE: 30,
  /** Quotes one article carries: the seed dispatch has 8. */
  QUOTES_PER_ARTICLE: 10,
  /** Stored language versions of one record: one per locale. */
  TRANSLATIONS: 2,
  /**
   * The database work of one search, on top of its page: it ranks up to SEARCH.RANKED_ROWS_MAX
   * rows per source and cuts snippets. 5,000 (a quarter of QUERY_LIMITS.COST) lets a request hold
   * three searches (a screen holds one) and refuses a fourth alias of it before anything runs.
   */
  SEARCH: 5_000,
} as const;

/** Per-process caches of what the limits measured, so a repeated document is not walked again. */
export const MEASURE_CACHE = {
  /** Documents (by query hash) whose depth, aliases and directives are kept: far more than the operations an app sends. */
  DOCUMENTS: 1_000,
  /** Costs per document and values of the variables that matter (`first`, `locale`, directives). */
  VERDICTS: 5_000,
} as const;
