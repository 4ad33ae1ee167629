import DataLoader from 'dataloader';
import type { Context } from '../server/context.js';

/**
 * An article with every language version, quote and mention, as the formats for partners need it:
 * a ninjs item or a JSON-LD document links all language versions, so it cannot be built from the
 * one language the read path serves. One statement per batch of articles (relation joins).
 */
const load = (prisma: Context['prisma'], ids: readonly number[]) =>
  prisma.article.findMany({
    relationLoadStrategy: 'join',
    where: { id: { in: [...ids] } },
    include: {
      translations: true,
      dateline: { include: { translations: true } },
      mentions: { include: { entity: { include: { translations: true } } }, orderBy: [{ count: 'desc' }, { entityId: 'asc' }] },
    },
  });

export type ArticleRecord = Awaited<ReturnType<typeof load>>[number];
export type EntityRecord = ArticleRecord['mentions'][number]['entity'];

const loaders = new WeakMap<Context, DataLoader<number, ArticleRecord | null>>();

/** The full record of an article the caller already may see (its parent field checked that). */
export function articleRecord(ctx: Context, id: number): Promise<ArticleRecord | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = new Map((await load(ctx.prisma, ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    });
    loaders.set(ctx, loader);
  }
  return loader.load(id);
}
