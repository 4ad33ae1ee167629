import type { Redis } from 'ioredis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';

/**
 * Apollo's KeyValueCache on the project's ioredis connection, for the response cache and the
 * persisted-query store. (Apollo's Keyv adapter would need a second Redis client: `@keyv/redis`
 * is built on node-redis.) Errors are misses and lost writes, never failures of the request:
 * the connection logs the outage once (src/redis/redis.ts), and a miss or a lost write is never
 * a stale answer: what keeps answers fresh is the generation in the key (generation.ts).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.ceil(options.ttl));
      else await this.redis.set(this.prefix + key, value);
    } catch {}
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch {
      return false;
    }
  }
}
