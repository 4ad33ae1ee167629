import DataLoader from 'dataloader';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, MentionRow, QuoteReadRow } from '../db/rows.js';
import { byKey, groupByKey } from '../common/group.js';
import type { Visibility } from './visibility.js';
import { selectArticles, selectBodies } from './article.sql.js';
import { selectQuotes } from '../quotes/quote.sql.js';
import { selectMentions } from '../entities/entity.sql.js';

export function articleLoaders(prisma: Db, visibility: Visibility) {
  return {
    /** Visible articles with all their language versions (bodies apart), one statement per batch. */
    article: new DataLoader<number, ArticleReadRow | null>(async (ids) => byKey(ids, await selectArticles(prisma, ids, visibility), (r) => r.id)),
    /** Body paragraphs by text id: only articles shown whole need them. */
    articleBody: new DataLoader<number, unknown>(async (textIds) =>
      byKey(textIds, await selectBodies(prisma, textIds), (r) => r.id).map((r) => r?.body ?? null),
    ),
    quotesOfArticle: new DataLoader<number, QuoteReadRow[]>(async (ids) =>
      groupByKey(ids, await selectQuotes(prisma, 'articleId', ids, visibility), (r) => r.articleId),
    ),
    /** Mentions with their entities joined in: the feed asks for both every time. */
    mentionsOfArticle: new DataLoader<number, MentionRow[]>(async (ids) => groupByKey(ids, await selectMentions(prisma, ids), (r) => r.articleId)),
  };
}
