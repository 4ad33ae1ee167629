import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import type { RateLimit } from '../server/rate-limit.js';
import { CACHE_LIMITS } from './cache.limits.js';
import type { Generation } from './generation.js';

/** Requests answered from stored bytes, and those passed on to Apollo: tests read them. */
export const ANSWER_CACHE = { hits: 0, passed: 0 };

interface Stored {
  body: string;
  contentType: string;
  cacheControl: string;
  storedAt: number;
}

/** Only what Apollo's CSRF prevention lets through reaches the cache: JSON POSTs, and GETs with a preflight header. */
const notSimple = (req: Parameters<RequestHandler>[0]) =>
  req.method === 'POST' ? req.is('application/json') !== false : Boolean(req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name']);

/** The document's hash (as Apollo computes it), operation, variables and the Accept header of an anonymous query; null: not for this cache. */
function requestKey(req: Parameters<RequestHandler>[0]): string | null {
  if (req.headers.authorization !== undefined || !notSimple(req)) return null;
  const params = (req.method === 'POST' ? req.body : req.method === 'GET' ? req.query : null) as Record<string, unknown> | null;
  if (!params) return null;
  const decode = (value: unknown) => {
    if (req.method === 'POST' || typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  };
  const { query, operationName } = params;
  const extensions = decode(params.extensions) as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const variables = decode(params.variables ?? {});
  if (variables === undefined || (operationName !== undefined && typeof operationName !== 'string')) return null;
  const hash = typeof query === 'string' ? createHash('sha256').update(query).digest('hex') : extensions?.persistedQuery?.sha256Hash;
  if (typeof hash !== 'string') return null;
  return JSON.stringify([hash, operationName ?? null, variables, req.headers.accept ?? '']);
}

const maxAgeOf = (cacheControl: string | undefined) => {
  const match = cacheControl && /^max-age=(\d+), public$/.exec(cacheControl);
  return match ? Number(match[1]) : 0;
};

/**
 * In front of Apollo, for anonymous queries: an answer the response cache would serve is sent from
 * its bytes, without entering Apollo's pipeline (no parsing, limits, context, plugins). The key is
 * the response cache's (document hash, operation, variables, negotiated language, content
 * generation, read from Redis when shared) plus the Accept header, which chooses the content type.
 * It holds only answers Apollo gave an anonymous caller with `public, max-age` and no errors,
 * for that max-age; the rate limit, `x-cache`, Vary and the request log apply as on any request.
 * A caller over its budget is passed to Apollo (flagged: counted once), which answers the 429.
 */
export function answerCache(config: Pick<Config, 'defaultLocale'>, generation: Generation, rateLimit: RateLimit): RequestHandler {
  const answers = new LRUCache<string, Stored>({ maxSize: CACHE_LIMITS.MEMORY_MAX_BYTES, sizeCalculation: (s) => s.body.length || 1, ttlAutopurge: false });
  return async (req, res, next) => {
    try {
      const request = requestKey(req);
      if (!request) return next();
      const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
      const current = await generation.current();
      if (current === null) return next();
      const key = `${request}|${locale}|${current}`;
      const stored = answers.get(key);
      if (stored) {
        try {
          await rateLimit.consume({ viewer: null, ip: req.ip }, locale, res);
        } catch (refused) {
          res.locals.rateLimited = refused;
          ANSWER_CACHE.passed++;
          return next();
        }
        ANSWER_CACHE.hits++;
        res.setHeader('content-type', stored.contentType);
        res.setHeader('cache-control', stored.cacheControl);
        res.setHeader('age', String(Math.floor((Date.now() - stored.storedAt) / 1000)));
        res.setHeader('x-cache', 'HIT');
        res.status(200).send(stored.body);
        return;
      }
      ANSWER_CACHE.passed++;
      keep(res, (body) => {
        const cacheControl = res.getHeader('cache-control');
        const maxAge = maxAgeOf(typeof cacheControl === 'string' ? cacheControl : undefined);
        if (res.statusCode !== 200 || maxAge === 0 || (JSON.parse(body) as { errors?: unknown }).errors) return;
        const contentType = String(res.getHeader('content-type'));
        answers.set(key, { body, contentType, cacheControl: cacheControl as string, storedAt: Date.now() }, { ttl: maxAge * 1000 });
      });
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Calls `store` with the body Apollo sends (as one string), once, then sends it. */
function keep(res: Response, store: (body: string) => void) {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    res.send = send;
    if (typeof body === 'string') store(body);
    return send(body);
  };
}
