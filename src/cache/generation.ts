import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { CACHE_LIMITS } from './cache.limits.js';

/**
 * The content generation: a number in every response-cache key. Every editor's mutation bumps it
 * once its resolvers have run (after commit), so every answer cached before is never read again.
 * A request reads the generation before it executes: one that raced a mutation can only store its
 * answer under the old number, which nobody reads any more. No entry is ever deleted; old ones
 * age out (TTL, LRU).
 */
export interface Generation {
  /** The number to key this request's cache entry with; null: do not use the cache at all. */
  current(): Promise<number | null>;
  /** Called after every editor's mutation, failed or not (part of it may have committed). */
  bump(): Promise<void>;
}

/** One process, no Redis: a counter. */
export function memoryGeneration(): Generation {
  let generation = 0;
  return {
    current: async () => generation,
    bump: async () => {
      generation += 1;
    },
  };
}

/**
 * Bumps the generation to max(generation + 1, now in ms). Taking the clock as a floor means a
 * generation number is never handed out twice, even when Redis lost the key (eviction) or came
 * back from an older snapshot holding an older number next to entries cached under it.
 */
const BUMP_SCRIPT = `
local v = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if v < floor then
  redis.call('SET', KEYS[1], ARGV[1])
  v = floor
end
return tostring(v)`;

/**
 * Shared by every process through Redis. A bump that fails (Redis down) would be a lost
 * invalidation, so a process trusts what Redis holds only after it has bumped the generation
 * itself since its connection last broke or a command last failed: at start, after every
 * reconnection, after any Redis error. Until then each cacheable request tries that bump (one
 * round trip) and, if it fails, neither reads nor writes the cache. Every process loses its
 * connection when Redis restarts, so none of them can serve an entry cached before the outage.
 */
export function redisGeneration(redis: Redis, key: string, logger: Logger): Generation {
  let trusted = false;
  // Bumped whenever the connection closes: a reply that crossed a reconnection is not trusted.
  let connection = 0;
  redis.on('close', () => {
    trusted = false;
    connection += 1;
  });

  // Logged once per outage for reads (the connection logs it too), every time for invalidations.
  const distrust = (err: unknown, what: string, always: boolean) => {
    if (always || trusted)
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, `response cache: ${what} failed; cache skipped until the generation is bumped`);
    trusted = false;
  };

  const bump = async (): Promise<number> => {
    const seen = connection;
    const value = Number(await redis.eval(BUMP_SCRIPT, 1, key, String(Date.now())));
    if (seen === connection) trusted = true;
    return value;
  };

  // A lost invalidation matters to the other processes too (they may still reach Redis): retry
  // it in the background until it lands, whether or not this process gets more requests.
  let retrying: NodeJS.Timeout | null = null;
  const retryBump = () => {
    const stop = () => {
      clearInterval(retrying!);
      retrying = null;
    };
    retrying ??= setInterval(() => {
      if (redis.status === 'end') return stop();
      bump().then(stop, () => undefined);
    }, CACHE_LIMITS.INVALIDATION_RETRY_MS).unref();
  };

  return {
    async current() {
      const seen = connection;
      try {
        if (!trusted) {
          const value = await bump();
          return seen === connection ? value : null;
        }
        const stored = await redis.get(key);
        if (seen !== connection || !trusted) return null;
        // Missing (evicted or flushed): never restart from a small number; start over above any.
        return stored === null ? await bump() : Number(stored);
      } catch (err) {
        distrust(err, 'reading the generation', false);
        return null;
      }
    },
    async bump() {
      try {
        await bump();
      } catch (err) {
        distrust(err, 'invalidation', true);
        retryBump();
      }
    },
  };
}
