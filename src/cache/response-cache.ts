import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RequestHandler } from 'express';
import { canEdit, type Context, type Services } from '../server/context.js';
import { CACHE_LIMITS } from './cache.limits.js';
import { memoryGeneration, redisGeneration, type Generation } from './generation.js';
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
}

/**
 * The response cache (anonymous queries, keyed by query text, variables, negotiated locale and
 * content generation), its HTTP headers, and the persisted-query store. With REDIS_URL both
 * stores and the generation live in Redis, shared by every process; without it, in this process.
 */
export function caching({ config, redis, logger }: Pick<Services, 'config' | 'redis' | 'logger'>): Caching {
  const prefix = config.redisKeyPrefix;
  const persistedQueries = {
    cache: redis ? new RedisKeyValueCache(redis, prefix) : new InMemoryLRUCache<string>(),
    ttl: CACHE_LIMITS.PERSISTED_QUERY_TTL_SECONDS,
  };
  if (!config.responseCache) return { plugins: [privateForViewers, noStore], persistedQueries };

  const generation = redis ? redisGeneration(redis, `${prefix}cache:generation`, logger) : memoryGeneration();
  const store = redis ? new RedisKeyValueCache(redis, `${prefix}cache:`) : new InMemoryLRUCache<string>({ maxSize: CACHE_LIMITS.MEMORY_MAX_BYTES });
  // The generation each anonymous query was keyed with; absent or null: the cache was not used.
  const keyedWith = new WeakMap<Context, number | null>();

  return {
    persistedQueries,
    generation,
    plugins: [
      privateForViewers,
      // Every field may be cached for the TTL, which is also the `max-age` CDNs get.
      ApolloServerPluginCacheControl({ defaultMaxAge: config.responseCacheTtl }),
      invalidation(generation, keyedWith),
      ApolloServerPluginResponseCache<Context>({
        cache: store,
        // Called for queries only, before the cache is read. Query text and variables (with any
        // `locale` argument) are in the key already; add the locale negotiated from
        // Accept-Language and the generation read now, before executing.
        async extraCacheKeyData({ contextValue }) {
          if (contextValue.viewer) return null;
          const current = await generation.current();
          keyedWith.set(contextValue, current);
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
