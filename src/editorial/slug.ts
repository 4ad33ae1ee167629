import slugify from '@sindresorhus/slugify';
import type { Prisma as P } from '@prisma/client';
import { TEXT_LIMITS } from './limits.js';

/** "Les États-Unis acceptent…" → "les-etats-unis-acceptent…": accents folded, URL-safe. */
const slugOf = (title: string): string => slugify(title).slice(0, TEXT_LIMITS.SLUG_MAX).replace(/-+$/, '') || 'article';

/** The unique slug-like columns: an article's slug (its URL), an entity's key. */
type KeyColumn = 'Article.slug' | 'Entity.key';

type Tx = Pick<P.TransactionClient, 'article' | 'entity' | '$executeRaw'>;

async function takenStartingWith(tx: Tx, column: KeyColumn, bases: string[]): Promise<Set<string>> {
  if (column === 'Article.slug') {
    const rows = await tx.article.findMany({ where: { OR: bases.map((b) => ({ slug: { startsWith: b } })) }, select: { slug: true } });
    return new Set(rows.map((r) => r.slug));
  }
  const rows = await tx.entity.findMany({ where: { OR: bases.map((b) => ({ key: { startsWith: b } })) }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/**
 * Values of `column` no row has yet, one per text, in order: the text's slug, else with -2, -3…
 * (distinct among themselves too). The one way every creator (createArticle, createEntity,
 * importDispatch) picks them: inside the write transaction, after a transaction advisory lock on
 * the column, so concurrent creators choose one after another (each sees what the one before
 * committed: the lock ends with its transaction) instead of racing to the unique index. Only the
 * choice and what follows it in the transaction wait; keep those transactions short.
 */
export async function freeKeys(tx: Tx, column: KeyColumn, texts: string[]): Promise<string[]> {
  if (texts.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${column}))`;
  const bases = texts.map(slugOf);
  const taken = await takenStartingWith(tx, column, [...new Set(bases)]);
  return bases.map((base) => {
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return key;
  });
}
