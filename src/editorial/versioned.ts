import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import { type ConflictSubject, conflict, notFound } from './errors.js';

/** What a versioned change may set, per table (the version is the helper's). */
interface Changes {
  article: Omit<P.ArticleUncheckedUpdateManyInput, 'id' | 'version'>;
  quote: Omit<P.QuoteUncheckedUpdateManyInput, 'id' | 'version'>;
  entity: Omit<P.EntityUncheckedUpdateManyInput, 'id' | 'version'>;
}
type Versioned = keyof Changes;

interface Delegate {
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  findUnique(args: { where: { id: number }; select: object }): Promise<{ version: number; mergedIntoId?: number | null } | null>;
}

export interface VersionCheck {
  id: number;
  expectedVersion: number;
  /** The argument naming the record, for NOT_FOUND (default `id`). */
  argument?: string;
  /** Who went stale, for CONFLICT (default: the table; a merge names its side). */
  subject?: ConflictSubject;
  /** An entity that must not be merged already (a merge's sides). */
  unmerged?: boolean;
}

/**
 * Changes a record only if it is still at `expectedVersion`, bumping the version in the same
 * statement, which also takes the row lock for the rest of the transaction: two editors saving at
 * once cannot both win, and nothing is read before it is written. Every versioned mutation goes
 * through here, so a stale version always answers the same CONFLICT.
 */
export async function saveVersioned<T extends Versioned>(
  tx: Pick<P.TransactionClient, T>,
  ctx: Context,
  locale: LocaleCode | null | undefined,
  table: T,
  check: VersionCheck,
  data: Changes[T] = {},
): Promise<void> {
  const delegate = tx[table] as unknown as Delegate;
  const where = { id: check.id, version: check.expectedVersion, ...(check.unmerged && { mergedIntoId: null }) };
  const { count } = await delegate.updateMany({ where, data: { ...data, version: { increment: 1 } } });
  if (count === 1) return;
  const current = await delegate.findUnique({ where: { id: check.id }, select: { version: true, ...(check.unmerged && { mergedIntoId: true }) } });
  if (!current) throw notFound(ctx, locale, check.argument ?? 'id');
  // Already merged is not a stale read to retry: its id now names another entity.
  if (check.unmerged && current.mergedIntoId != null) throw ctx.errors(locale).badInput('alreadyMerged', { argument: check.argument });
  throw conflict(ctx, locale, check.subject ?? table, check.expectedVersion, current.version);
}
