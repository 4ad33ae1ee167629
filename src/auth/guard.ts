import type { LocaleCode } from '../config.js';
import { canEdit, type Context } from '../server/context.js';
import type { Viewer } from './token.service.js';

/** The editor making a change: UNAUTHENTICATED without a token, FORBIDDEN with a reader's. */
export function requireEditor(ctx: Context, locale?: LocaleCode | null): Viewer {
  if (!ctx.viewer) throw ctx.errors(locale).of('UNAUTHENTICATED');
  if (!canEdit(ctx.viewer)) throw ctx.errors(locale).of('FORBIDDEN');
  return ctx.viewer;
}
