import slugify from '@sindresorhus/slugify';
import type { Prisma as P } from '@prisma/client';
import { TEXT_LIMITS } from './limits.js';
import { violatesUnique } from '../db/unique-violation.js';

/** "Les États-Unis acceptent…" → "les-etats-unis-acceptent…": accents folded, URL-safe. */
export const slugOf = (title: string): string => slugify(title).slice(0, TEXT_LIMITS.SLUG_MAX).replace(/-+$/, '') || 'article';

/**
 * A slug no article has yet: the title's, else with -2, -3… The unique index still guards against
 * a concurrent twin; the caller retries on that violation.
 */
export async function uniqueSlug(tx: Pick<P.TransactionClient, 'article'>, title: string): Promise<string> {
  const base = slugOf(title);
  const taken = new Set((await tx.article.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((a) => a.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Twins created at the same instant: each attempt sees the slugs committed before it. */
const SLUG_ATTEMPTS = 3;

/**
 * Runs `create` (a transaction that calls uniqueSlug, or another unique-key maker) again when a
 * concurrent twin committed the same value of `constraint` first: the retry reads it and picks the next one.
 */
export async function retryOnSlugTwin<T>(create: () => Promise<T>, constraint = 'slug'): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (e) {
      if (!violatesUnique(e, constraint) || attempt === SLUG_ATTEMPTS) throw e;
    }
  }
}
