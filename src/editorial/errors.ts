import type { LocaleCode } from '../config.js';
import { AppError } from '../server/errors.js';
import type { Context } from '../server/context.js';

/** What went stale: a record's type, or the side of a merge (an entity) named by its argument. */
export type ConflictSubject = 'article' | 'quote' | 'entity' | 'keep' | 'duplicate';

/**
 * A stale `expectedVersion`: nothing was changed. The current version travels in `extensions` so
 * the client can reload and show what changed. One message per subject (`conflict.<subject>`):
 * French gives each its own gender (« L'entité a été modifiée », « L'article a été modifié »).
 */
export function conflict(
  ctx: Context,
  locale: LocaleCode | null | undefined,
  subject: ConflictSubject,
  expectedVersion: number,
  currentVersion: number,
): AppError {
  const message = ctx.translator.t(locale ?? ctx.locale, `errors:conflict.${subject}`, { expectedVersion, currentVersion });
  return new AppError('CONFLICT', message, { subject, expectedVersion, currentVersion });
}

/** An id argument naming nothing (or nothing this viewer may change). */
export function notFound(ctx: Context, locale: LocaleCode | null | undefined, argument: string): AppError {
  return new AppError('NOT_FOUND', ctx.translator.t(locale ?? ctx.locale, 'errors:notFound', { argument }), { argument });
}
