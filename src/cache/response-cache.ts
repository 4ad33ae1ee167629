import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RequestHandler } from 'express';
import { canEdit, type Context, type Services } from '../server/context.js';
import { CACHE_LIMITS } from './cache.limits.js';
import { memoryGeneration, redisGeneration, type Generation } from './generation.js';
import { releases as releasesOf } from './releases.js';
import { RedisKeyValueCache } from './redis-store.js';

/** `x-cache` on every /graphql answer while the response cache is on: where the answer came from. */
const CACHE_STATUS_HEADER = 'x-cache';
type CacheStatus = 'HIT' | 'MISS' | 'BYPASS';

/** What a request with a token (editors see drafts) gets: no shared cache, no CDN, no browser cache. */
const PRIVATE_NO_STORE = 'private, no-store';

export interface Caching {
  plugins: ApolloServerPlugin<Context>[];
  /** Apollo's automatic persisted queries, in Redis when configured so any process knows a hash. */
  persistedQueries: { cache: KeyValueCache<string>; ttl: number };
  /** The content generation of the cache keys; absent when the response cache is off. */
  generation?: Generation;
  /**
   * The longest an anonymous answer may be kept (seconds; null: no limit) for the request made
   * with `ctx`: the time left to the next scheduled release. The REST feed caps its max-age with it.
   */
  releaseCap(ctx: Context): Promise<number | null>;
}

/**
 * The response cache (anonymous queries, keyed by query text, variables, negotiated locale and
 * content generation), its HTTP headers, and the persisted-query store. With REDIS_URL both
 * stores and the generation live in Redis, shared by every process; without it, in this process.
 */
export function caching({ config, redis, logger, prisma }: Pick<Services, 'config' | 'redis' | 'logger' | 'prisma'>): Caching {
  const prefix = config.redisKeyPrefix;
  const persistedQueries = {
    cache: redis ? new RedisKeyValueCache(redis, prefix) : new InMemoryLRUCache<string>(),
    ttl: CACHE_LIMITS.PERSISTED_QUERY_TTL_SECONDS,
  };
  if (!config.responseCache) {
    const schedule = releasesOf(prisma, undefined, logger);
    return { plugins: [privateForViewers, noStore], persistedQueries, releaseCap: () => schedule.secondsLeft(null) };
  }

  const generation = redis ? redisGeneration(redis, `${prefix}cache:generation`, logger) : memoryGeneration();
  const schedule = releasesOf(prisma, generation, logger);
  const store = redis ? new RedisKeyValueCache(redis, `${prefix}cache:`) : new InMemoryLRUCache<string>({ maxSize: CACHE_LIMITS.MEMORY_MAX_BYTES });
  // The generation each anonymous query was keyed with; absent or null: the cache was not used.
  const keyedWith = new WeakMap<Context, number | null>();
  // Seconds left to the next release, read with the generation (absent: no anonymous query).
  const capOf = new WeakMap<Context, number | null>();

  return {
    persistedQueries,
    generation,
    releaseCap: async (ctx) => (capOf.has(ctx) ? capOf.get(ctx)! : schedule.secondsLeft(await generation.current())),
    plugins: [
      privateForViewers,
      // Before the cache-control plugin, which writes the header from the policy this restricts.
      releaseCap(capOf),
      // Every field may be cached for the TTL, which is also the `max-age` CDNs get.
      ApolloServerPluginCacheControl({ defaultMaxAge: config.responseCacheTtl }),
      invalidation(generation, keyedWith),
      ApolloServerPluginResponseCache<Context>({
        cache: store,
        // Called for queries only, before the cache is read. Query text and variables (with any
        // `locale` argument) are in the key already; add the locale negotiated from
        // Accept-Language and the generation read now, before executing. The time left to the next
        // release is read with it (remembered per generation): if it cannot be, nothing is cached.
        async extraCacheKeyData({ contextValue }) {
          if (contextValue.viewer) return null;
          const current = await generation.current();
          try {
            capOf.set(contextValue, await schedule.secondsLeft(current));
            keyedWith.set(contextValue, current);
          } catch (err) {
            contextValue.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'response cache: next release unknown; not cached');
            capOf.set(contextValue, 0);
            keyedWith.set(contextValue, null);
          }
          return { locale: contextValue.locale, generation: current };
        },
        shouldReadFromCache: async ({ contextValue }) => typeof keyedWith.get(contextValue) === 'number',
        shouldWriteToCache: async ({ contextValue }) => typeof keyedWith.get(contextValue) === 'number',
      }),
    ],
  };
}

/**
 * RESPONSE_CACHE=off: nothing may be stored anywhere. Set here rather than by Apollo's
 * cache-control plugin, which is then turned off (it would wrap every resolver for nothing).
 */
const noStore: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue, response }) {
    if (!contextValue.viewer) response.http.headers.set('cache-control', 'no-store');
  },
};

/** Requests with a token: `private, no-store`, whatever the cache-control plugin would say. */
const privateForViewers: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue, response }) {
    if (contextValue.viewer) response.http.headers.set('cache-control', PRIVATE_NO_STORE);
  },
};

/**
 * An anonymous answer is kept (in this cache, the answer cache in front and CDNs, whose max-age
 * this sets) no longer than the time left to the next scheduled release: it was made without the
 * article that release shows. On a hit too (the stored policy is restored before this runs). Set
 * synchronously, first thing: Apollo starts every plugin's willSendResponse in order at once.
 */
function releaseCap(capOf: WeakMap<Context, number | null>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, overallCachePolicy }) {
          const cap = capOf.get(contextValue);
          if (cap != null) overallCachePolicy.restrict({ maxAge: cap });
        },
      };
    },
  };
}

/** Mutations are never cacheable, and every editor's mutation moves the generation on. */
function invalidation(generation: Generation, keyedWith: WeakMap<Context, number | null>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        },
        async willSendResponse({ operation, contextValue, metrics, response }) {
          // After the resolvers ran (and committed), before the editor sees the answer: bumped even
          // when the mutation returned errors, since part of it may have committed. Anonymous and
          // readers' mutations are refused before touching anything: they do not flush the cache.
          if (operation?.operation === 'mutation' && canEdit(contextValue.viewer)) await generation.bump();
          const status: CacheStatus = metrics.responseCacheHit ? 'HIT' : typeof keyedWith.get(contextValue) === 'number' ? 'MISS' : 'BYPASS';
          response.http.headers.set(CACHE_STATUS_HEADER, status);
        },
      };
    },
  };
}

/**
 * `Vary` for CDNs and browsers: answers differ by Accept-Language, and a request with a token
 * must never be answered from a shared cache's anonymous copy. Set on the express response (not
 * Apollo's headers, which would replace the `Vary: Origin` cors may set).
 */
export const varyByLanguage: RequestHandler = (_req, res, next) => {
  res.vary('Accept-Language');
  res.vary('Authorization');
  next();
};
