import type { LocaleCode } from '../config.js';
import { AppError } from '../server/errors.js';
import type { Context } from '../server/context.js';

/**
 * A stale `expectedVersion`: nothing was changed. The current version travels in `extensions` so
 * the client can reload and show what changed.
 */
export function conflict(ctx: Context, locale: LocaleCode | null | undefined, subject: string, expectedVersion: number, currentVersion: number): AppError {
  const message = ctx.translator.t(locale ?? ctx.locale, 'errors:conflict', { subject, expectedVersion, currentVersion });
  return new AppError('CONFLICT', message, { subject, expectedVersion, currentVersion });
}

/** An id argument naming nothing (or nothing this viewer may change). */
export function notFound(ctx: Context, locale: LocaleCode | null | undefined, argument: string): AppError {
  return new AppError('NOT_FOUND', ctx.translator.t(locale ?? ctx.locale, 'errors:notFound', { argument }), { argument });
}
