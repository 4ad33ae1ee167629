import DataLoader from 'dataloader';
import type { Prisma } from '../db/database.js';
import { withTranslations, type ArticleRow, type MentionRow, type QuoteRow } from '../db/rows.js';
import { byKey, groupByKey } from '../common/group.js';
import { visibleArticle, type Visibility } from './visibility.js';

export function articleLoaders(prisma: Prisma, visibility: Visibility) {
  return {
    /** Visible articles with all their language versions, one statement per batch. */
    article: new DataLoader<number, ArticleRow | null>(async (ids) =>
      byKey(ids, await prisma.article.findMany({ where: { id: { in: [...ids] }, ...visibleArticle(visibility) }, include: withTranslations }), (r) => r.id),
    ),
    quotesOfArticle: new DataLoader<number, QuoteRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.quote.findMany({ where: { articleId: { in: [...ids] } }, include: withTranslations, orderBy: [{ articleId: 'asc' }, { position: 'asc' }] }),
        (r) => r.articleId,
      ),
    ),
    /** Mentions with their entities joined in: the feed asks for both every time. */
    mentionsOfArticle: new DataLoader<number, MentionRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.mention.findMany({
          where: { articleId: { in: [...ids] } },
          include: { entity: { include: withTranslations } },
          orderBy: [{ count: 'desc' }, { entityId: 'asc' }],
        }),
        (r) => r.articleId,
      ),
    ),
  };
}
