import DataLoader from 'dataloader';
import type { Db } from '../db/database.js';
import { textVisible, type Visibility } from '../articles/visibility.js';

/**
 * An article with every language version, quote and mention, as the formats for partners need it:
 * a ninjs item or a JSON-LD document links all language versions, so it cannot be built from the
 * one language the read path serves. One statement per batch of articles (relation joins).
 */
const load = (prisma: Db, ids: readonly number[]) =>
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

/**
 * Request-scoped, with the other loaders (so a mutation's clearAll forgets it too): the full record
 * of articles the caller already may see (their parent field checked that), with the language
 * versions the caller may see (a reader's ninjs names no unpublished translation).
 */
export const formatLoaders = (prisma: Db, visibility: Visibility) => ({
  articleRecord: new DataLoader<number, ArticleRecord | null>(async (ids) => {
    const visible = (r: ArticleRecord): ArticleRecord => ({ ...r, translations: r.translations.filter((t) => textVisible(visibility, t, r)) });
    const rows = new Map((await load(prisma, ids)).map((r) => [r.id, visible(r)]));
    return ids.map((id) => rows.get(id) ?? null);
  }),
});
