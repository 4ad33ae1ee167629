import { GraphQLError } from 'graphql';
import type { LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';

/**
 * Every error code our resolvers return in `extensions.code`. They travel in an HTTP 200 GraphQL
 * response next to whatever data could be served (GraphQL over HTTP); GraphQL's own codes for
 * unparsable or invalid documents come with 400. Messages live in locales/<lng>/errors.json under
 * the same code (a test checks every code has one in both languages).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'An argument or variable is invalid; `extensions.argument` names it.',
  NOT_FOUND: 'The record named by the request does not exist.',
  UNAUTHENTICATED: 'A token is required and was missing, unknown or revoked.',
  FORBIDDEN: "The token's role does not allow this operation.",
  CONFLICT: 'expectedVersion is stale: someone saved in between.',
  RATE_LIMITED:
    'Too many requests from this client (IP or token) in the window: HTTP 429; retry after `extensions.retryAfter` seconds (also the Retry-After header).',
  BAD_REQUEST: 'The HTTP request is not one GraphQL request: a body that is not JSON or over 1 MB, no query, a batch (HTTP 400 or 413).',
  QUERY_TOO_COMPLEX:
    'The query is over a limit (characters, tokens, depth, aliases, directives or cost), refused before anything ran, with HTTP 400; `extensions.limit`, `max` and `actual` say which and by how much.',
  SERVICE_UNAVAILABLE:
    'The database cannot be reached or did not answer in time, or too many searches are running at once (`extensions.retryAfter`); retry later. Logged with the request id.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; logged with the request id given in the message.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

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
