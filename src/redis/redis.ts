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

/**
 * Resolves once the connection is ready, or after `timeoutMs` with false (Redis down at start is
 * allowed). Waited for before listening: until then every shared counter would fall back to this
 * process's memory, so two fresh processes would each let a client through on its own budget.
 */
export function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
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
