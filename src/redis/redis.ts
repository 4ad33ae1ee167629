import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * One ioredis connection per process for every shared store (response cache, persisted queries,
 * rate-limit counters, invalidation). Commands fail fast while Redis is away instead of queueing:
 * callers skip the cache (never trust it) and the API keeps answering from PostgreSQL.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // Keep retrying in the background (capped at 2 s), so caching resumes by itself when Redis is back.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ err: err.message }, 'redis unavailable; serving uncached');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis reachable again');
    down = false;
  });
  return redis;
}

/** Closes the connection; harmless when Redis is already gone. */
export async function closeRedis(redis: Redis | null): Promise<void> {
  if (!redis) return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
