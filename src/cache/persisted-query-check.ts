import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { ERROR_CODES } from '../server/errors.js';
import { sendErrors } from '../server/http-edge.js';

const ARGUMENT = 'extensions.persistedQuery';

/** The `persistedQuery` extension of a POST body or of a GET's `extensions` parameter; undefined when absent or unreadable. */
function persistedQueryOf(method: string, body: unknown, query: Record<string, unknown>): { found: unknown; text: unknown } | undefined {
  if (method === 'GET') {
    if (typeof query.extensions !== 'string') return undefined;
    try {
      const extensions = JSON.parse(query.extensions) as { persistedQuery?: unknown } | null;
      return extensions?.persistedQuery === undefined ? undefined : { found: extensions.persistedQuery, text: query.query };
    } catch {
      return undefined; // Apollo refuses unreadable extensions itself (BAD_REQUEST).
    }
  }
  const request = body as { query?: unknown; extensions?: { persistedQuery?: unknown } } | undefined;
  const found = request?.extensions?.persistedQuery;
  return found === undefined ? undefined : { found, text: request?.query };
}

/** True for what Apollo's automatic persisted queries can serve: version 1, a SHA-256 hash, of the text when one is sent. */
function wellFormed({ found, text }: { found: unknown; text: unknown }): boolean {
  if (found === null || typeof found !== 'object' || Array.isArray(found)) return false;
  const { version, sha256Hash } = found as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) return false;
  return typeof text !== 'string' || createHash('sha256').update(text).digest('hex') === sha256Hash;
}

/**
 * Express middleware in front of Apollo: a `persistedQuery` extension Apollo cannot use (another
 * version, not an object, a hash that is not the text's) is refused as BAD_USER_INPUT in the
 * caller's language. Apollo's own answers to these carry no code and read as internal errors.
 */
export function persistedQueryCheck(config: Pick<Config, 'defaultLocale'>, translator: Translator): RequestHandler {
  return (req, res, next) => {
    const extension = persistedQueryOf(req.method, req.body, req.query as Record<string, unknown>);
    if (!extension || wellFormed(extension)) return next();
    const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
    const message = translator.t(locale, 'errors:persistedQuery', { argument: ARGUMENT });
    sendErrors(res, ERROR_CODES.BAD_USER_INPUT.status, [{ message, extensions: { code: 'BAD_USER_INPUT', argument: ARGUMENT } }]);
  };
}
