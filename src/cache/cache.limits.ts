/** Bounds of the response cache and the persisted-query store, with the reason for each value. */
export const CACHE_LIMITS = {
  /**
   * In-process response cache (no REDIS_URL), in characters of JSON (about bytes): a few thousand answers of the
   * feed's size, small next to the process's memory budget (RSS target 300 MB); LRU beyond it.
   */
  MEMORY_MAX_BYTES: 32 * 1024 * 1024,
  /**
   * How long a registered persisted query stays in Redis. Without a TTL anyone could grow Redis
   * forever with made-up queries; a client whose hash expired is told PERSISTED_QUERY_NOT_FOUND
   * and re-sends the text once (Apollo Client does so by itself). In process, Apollo's bounded
   * LRU (about 30 MiB) applies as well.
   */
  PERSISTED_QUERY_TTL_SECONDS: 24 * 60 * 60,
  /** Retry period of an invalidation that could not reach Redis: a lost one is a stale answer elsewhere. */
  INVALIDATION_RETRY_MS: 1_000,
} as const;
