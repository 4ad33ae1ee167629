import type { ArticleStatus, Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { DomainEvent } from './domain-event.js';
import { recordEvents } from './outbox.js';

/** What events compare of an article: its status and each language version's text versions. */
interface ArticleState {
  status: ArticleStatus;
  sourceLocale: LocaleCode;
  texts: { locale: LocaleCode; version: number; sourceVersion: number }[];
}

/** The language versions a change touched: some, or all (fields every version shows: date, quotes, mentions). */
export type Touched = readonly LocaleCode[] | 'all';

async function readState(tx: P.TransactionClient, id: number): Promise<ArticleState | null> {
  const row = await tx.article.findUnique({
    where: { id },
    select: { status: true, sourceLocale: true, translations: { select: { locale: true, version: true, sourceVersion: true } } },
  });
  return row && { status: row.status, sourceLocale: row.sourceLocale, texts: row.translations };
}

/** The translations made from an older source version than the current one (translationState OUTDATED). */
function outdated(state: ArticleState): Set<LocaleCode> {
  const source = state.texts.find((t) => t.locale === state.sourceLocale);
  return new Set(state.texts.filter((t) => t.locale !== state.sourceLocale && source && t.sourceVersion < source.version).map((t) => t.locale));
}

/**
 * The events of a change, from the article's state before and after it: published / unpublished
 * when the status crosses PUBLISHED (one per language version); while published, updated for each
 * language version touched, and translation.published for a language version that appeared; and,
 * whatever the status, translation.outdated for each translation the change made OUTDATED.
 */
function articleChangeEvents(id: number, before: ArticleState, after: ArticleState, touched: Touched): DomainEvent[] {
  const event = (type: DomainEvent['type'], locale: LocaleCode): DomainEvent => ({ type, articleId: id, locale });
  const was = before.status === 'PUBLISHED';
  const is = after.status === 'PUBLISHED';
  const locales = after.texts.map((t) => t.locale);
  const events: DomainEvent[] = [];
  if (!was && is) events.push(...locales.map((l) => event('article.published', l)));
  if (was && !is) events.push(...before.texts.map((t) => event('article.unpublished', t.locale)));
  if (was && is) {
    const existed = new Set(before.texts.map((t) => t.locale));
    for (const locale of locales) {
      if (!existed.has(locale)) events.push(event('translation.published', locale));
      else if (touched === 'all' || touched.includes(locale)) events.push(event('article.updated', locale));
    }
  }
  const wasOutdated = outdated(before);
  for (const locale of outdated(after)) if (!wasOutdated.has(locale)) events.push(event('translation.outdated', locale));
  return events;
}

/**
 * Watches one article through a change in the caller's transaction: reads its state now, and
 * `record(touched)` reads it again and records the events of the difference in the outbox.
 * Callers hold the article's row lock (or `lock` takes it) so that no other change interleaves
 * (quote edits do not: see quote-write.service.ts).
 */
export async function watchArticle(tx: P.TransactionClient, id: number, lock: 'update' | null = null) {
  if (lock === 'update') await tx.$executeRaw`SELECT 1 FROM "Article" WHERE id = ${id} FOR UPDATE`;
  const before = await readState(tx, id);
  return {
    async record(touched: Touched): Promise<void> {
      const after = before && (await readState(tx, id));
      if (before && after) await recordEvents(tx, articleChangeEvents(id, before, after, touched));
    },
  };
}
