import DataLoader from 'dataloader';
import { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import type { ArticleReadRow, MentionRow, QuoteReadRow, WholeArticleRow } from '../db/rows.js';
import type { Translator } from '../i18n/i18n.js';
import { byKey, groupByKey } from '../common/group.js';
import type { Visibility } from './visibility.js';
import { selectBodies } from './article.sql.js';
import { selectArticlePage, WANTS_NOTHING, type PageWants } from './article-page.sql.js';
import { selectQuotes } from '../quotes/quote.sql.js';
import { selectMentions } from '../entities/entity.sql.js';

/** Rows served in one language with what the query selects: the key of a localized read. */
export interface ServedKey<W = PageWants> {
  locale: LocaleCode;
  wants: W;
}

/**
 * Runs a batch of localized reads as one statement per (language, selection) in it, usually
 * one: `select` gets the keys of one such group and returns the lists by position (1-based).
 */
export async function servedBatch<K extends ServedKey<unknown>, R>(
  keys: readonly K[],
  select: (group: K[], locale: LocaleCode, wants: K['wants']) => Promise<Map<number, R>>,
  empty: R,
): Promise<R[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const id = `${k.locale}:${JSON.stringify(k.wants)}`;
    groups.set(id, [...(groups.get(id) ?? []), i]);
  });
  const results: R[] = keys.map(() => empty);
  await Promise.all(
    [...groups.values()].map(async (positions) => {
      const group = positions.map((i) => keys[i]!);
      const found = await select(group, group[0]!.locale, group[0]!.wants);
      positions.forEach((i, n) => {
        results[i] = found.get(n + 1) ?? empty;
      });
    }),
  );
  return results;
}

export const servedKey = (k: ServedKey<unknown>) => JSON.stringify(k);

/** Rows (`ord`, `id`) of the ids given, in their order: the source of a batch by id. */
export const byIds = (ids: readonly number[]) => P.sql`SELECT k.ord, k.id FROM unnest(${[...ids]}::int[]) WITH ORDINALITY AS k(id, ord)`;

const WHOLE: PageWants = { ...WANTS_NOTHING, allTexts: true };

export function articleLoaders(db: Db, visibility: Visibility, translator: Translator) {
  return {
    /** Visible articles with all their language versions (bodies apart: what editors compare), one statement per batch. */
    article: new DataLoader<number, WholeArticleRow | null>(async (ids) => {
      const lists = await selectArticlePage(db, byIds(ids), visibility, WHOLE, { chain: [] });
      return ids.map((_, i) => (lists.get(i + 1)?.[0] as WholeArticleRow | undefined) ?? null);
    }),
    /** Visible articles by id, localized (article(id:), node, search hits), one statement per batch. */
    servedArticle: new DataLoader<ServedKey & { id: number }, ArticleReadRow | null, string>(
      (keys) =>
        servedBatch(
          keys,
          async (group, locale, wants) => {
            const lists = await selectArticlePage(db, byIds(group.map((k) => k.id)), visibility, wants, { chain: translator.chain(locale) });
            return new Map([...lists].map(([ord, [row]]) => [ord, row ?? null]));
          },
          null,
        ),
      { cacheKeyFn: servedKey },
    ),
    /** Body paragraphs by text id: only articles shown whole need them. */
    articleBody: new DataLoader<number, unknown>(async (textIds) => byKey(textIds, await selectBodies(db, textIds), (r) => r.id).map((r) => r?.body ?? null)),
    quotesOfArticle: new DataLoader<number, QuoteReadRow[]>(async (ids) =>
      groupByKey(ids, await selectQuotes(db, 'articleId', ids, visibility), (r) => r.articleId),
    ),
    /** Mentions with their entities joined in: the feed asks for both every time. */
    mentionsOfArticle: new DataLoader<number, MentionRow[]>(async (ids) => groupByKey(ids, await selectMentions(db, ids), (r) => r.articleId)),
  };
}
