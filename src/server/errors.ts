import { GraphQLError } from 'graphql';
import type { LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';

/**
 * Every error code our resolvers and refusals return in `extensions.code`, with the HTTP status
 * of a request refused with it before anything ran (every refusal takes its status from here).
 * Errors raised while executing travel in an HTTP 200 GraphQL response next to whatever data
 * could be served (GraphQL over HTTP). Messages live in locales/<lng>/errors.json under the same
 * code (a test checks every code has one in both languages).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, description: 'An argument or variable is invalid; `extensions.argument` names it.' },
  NOT_FOUND: { status: 404, description: 'The record named by the request does not exist (HTTP 404: a path that is not /graphql, /health or /ready).' },
  UNAUTHENTICATED: { status: 401, description: 'A token is required and was missing, unknown or revoked.' },
  FORBIDDEN: { status: 403, description: "The token's role does not allow this operation." },
  CONFLICT: { status: 409, description: 'expectedVersion is stale: someone saved in between.' },
  RATE_LIMITED: {
    status: 429,
    description: 'Too many requests from this client (IP or token) in the window; retry after `extensions.retryAfter` seconds (also the Retry-After header).',
  },
  BAD_REQUEST: {
    status: 400,
    description:
      "The HTTP request is not one GraphQL request: a body that is not JSON, no query, a batch, a GET without a CSRF preflight header (400); over 1 MB (413, the body parser's); a mutation over GET (405, Apollo's).",
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    description:
      'The query is over a limit (characters, tokens, depth, aliases, directives or cost), refused before anything ran; `extensions.limit`, `max` and `actual` say which and by how much.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    description:
      'The database cannot be reached or did not answer in time, or too many searches are running at once (`extensions.retryAfter`); retry later. Logged with the request id.',
  },
  TOO_MANY_SUBSCRIPTIONS: {
    status: 429,
    description:
      'Live updates: over the subscriptions open at once on one WebSocket connection (an `error` message, `extensions.max`), or over the connections open at once from one IP (HTTP 429 refusing the upgrade).',
  },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'An unexpected failure; logged with the request id given in the message.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The `extensions.http` that makes Apollo answer a refusal with this code's status. */
export const refusalStatus = (code: ErrorCode) => ({ status: ERROR_CODES[code].status });

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** Builds localized errors for one request. */
export interface Errors {
  badInput(key: string, params?: Record<string, unknown>): AppError;
  of(code: ErrorCode, params?: Record<string, unknown>): AppError;
}

export function errorsFor(translator: Translator, locale: LocaleCode): Errors {
  return {
    badInput: (key, params = {}) =>
      new AppError('BAD_USER_INPUT', translator.t(locale, `errors:${key}`, params), params.argument ? { argument: params.argument } : {}),
    of: (code, params = {}) => new AppError(code, translator.t(locale, `errors:${code}`, params)),
  };
}
