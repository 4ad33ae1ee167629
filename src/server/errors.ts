import { GraphQLError } from 'graphql';
import type { LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';

/**
 * Every error code the API returns, with the HTTP status it maps to when the whole request fails.
 * Messages live in locales/<lng>/errors.json under the same code (a test checks both lists agree).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, description: 'An argument or variable is invalid; the message names it.' },
  NOT_FOUND: { status: 404, description: 'The record named by the request does not exist.' },
  UNAUTHENTICATED: { status: 401, description: 'A token is required and was missing, unknown or revoked.' },
  FORBIDDEN: { status: 403, description: "The token's role does not allow this operation." },
  CONFLICT: { status: 409, description: 'expectedVersion is stale: someone saved in between.' },
  SERVICE_UNAVAILABLE: { status: 503, description: 'The database cannot be reached; retry later.' },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'An unexpected failure; logged with the request id.' },
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
