import type { LocaleCode } from '../config.js';
import { canEdit, type Context } from '../server/context.js';
import type { Viewer } from './token.service.js';

/** The editor making a change: UNAUTHENTICATED without a token, FORBIDDEN with a reader's. */
export function requireEditor(ctx: Context, locale?: LocaleCode | null): Viewer {
  if (!ctx.viewer) throw ctx.errors(locale).of('UNAUTHENTICATED');
  if (!canEdit(ctx.viewer)) throw ctx.errors(locale).of('FORBIDDEN');
  return ctx.viewer;
}

/** An admin (tokens are theirs to manage): UNAUTHENTICATED without a token, FORBIDDEN below admin. */
export function requireAdmin(ctx: Context, locale?: LocaleCode | null): Viewer {
  const viewer = requireEditor(ctx, locale);
  if (viewer.role !== 'ADMIN') throw ctx.errors(locale).of('FORBIDDEN');
  return viewer;
}
