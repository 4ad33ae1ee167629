import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

const CONNECT_TIMEOUT_MS = 2_000;

/**
 * One ioredis connection per process for every shared store (response cache, persisted queries,
 * rate-limit counters, invalidation). Commands fail fast while Redis is away instead of queueing:
 * callers skip the cache (never trust it) and the API keeps answering from PostgreSQL.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
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

/**
 * Resolves once the connection is ready, or false when it fails first or takes longer than its
 * connect timeout (Redis down at start is allowed). Waited for before listening: until then every
 * shared counter would fall back to this process's memory, so two fresh processes would each let a
 * client through on its own budget.
 */
export async function redisReady(redis: Redis): Promise<boolean> {
  if (redis.status === 'ready') return true;
  try {
    // events.once rejects on the 'error' event: a refused connection answers at once.
    await once(redis, 'ready', { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
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
