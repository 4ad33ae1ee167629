import { HeaderMap } from '@apollo/server';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config, LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import { canEdit } from './context.js';
import { AppError, refusalStatus } from './errors.js';
import type { Viewer } from '../auth/token.service.js';

export interface RateLimit {
  /**
   * Counts one request of this client: an editor's token against the editor budget, another
   * token against the anonymous-sized budget of its own, else the client IP. Sets the RateLimit
   * headers on `res`; over the budget, throws RATE_LIMITED (HTTP 429 with Retry-After).
   */
  consume(client: { viewer: Viewer | null; ip: string | undefined }, locale: LocaleCode, res: Response): Promise<void>;
}

type Budget = 'anonymous' | 'editor';

/**
 * Counters in Redis when it is configured, so that every process counts the same client together;
 * else in this process. While Redis is unreachable each process counts in memory (insurance
 * limiter): limits stay on, per process, and nobody is blocked because a counter cannot be read.
 */
export function createRateLimit(config: Config, redis: Redis | null, translator: Translator, logger: Logger): RateLimit {
  const { windowSeconds, anonymous, editor } = config.rateLimit;
  const limiter = (budget: Budget, points: number): RateLimiterAbstract | null => {
    if (points === 0) return null;
    const options = { points, duration: windowSeconds, keyPrefix: `${config.redisKeyPrefix}ratelimit:${budget}` };
    if (!redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) });
  };
  const limiters: Record<Budget, RateLimiterAbstract | null> = { anonymous: limiter('anonymous', anonymous), editor: limiter('editor', editor) };

  return {
    async consume({ viewer, ip }, locale, res) {
      const budget: Budget = canEdit(viewer) ? 'editor' : 'anonymous';
      const rateLimiter = limiters[budget];
      if (!rateLimiter) return;
      // Token ids and IPs cannot collide: one is `t:<number>`, the other `ip:<address>`.
      const key = viewer ? `t:${viewer.tokenId}` : `ip:${ip ?? 'unknown'}`;
      let result: RateLimiterRes;
      try {
        result = await rateLimiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) {
          // Neither store answered (should not happen with the in-memory insurance): let the request through.
          logger.warn({ err: rejection }, 'rate limiter unavailable; request not counted');
          return;
        }
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const headers = new HeaderMap([['retry-after', String(retryAfter)], ...rateLimitHeaders(rateLimiter.points, rejection)]);
        throw new AppError('RATE_LIMITED', translator.t(locale, 'errors:RATE_LIMITED', { retryAfter }), {
          retryAfter,
          http: { ...refusalStatus('RATE_LIMITED'), headers },
        });
      }
      for (const [name, value] of rateLimitHeaders(rateLimiter.points, result)) res.setHeader(name, value);
    },
  };
}

// The IETF draft's RateLimit-* fields (as express-rate-limit sends them): budget, what is left, seconds to the reset.
const rateLimitHeaders = (limit: number, r: RateLimiterRes): [string, string][] => [
  ['ratelimit-limit', String(limit)],
  ['ratelimit-remaining', String(Math.max(0, r.remainingPoints))],
  ['ratelimit-reset', String(Math.max(0, Math.ceil(r.msBeforeNext / 1000)))],
];
