import type { ArticleStatus, Prisma as P, TranslationStatus } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import type { DomainEvent, EditorialEvent, LiveEvent } from './domain-event.js';
import { cancelPendingReleases, recordEditorialEvents, recordEvents } from './outbox.js';

/** What events compare of an article: its status and schedule, each language version's text versions and status. */
interface ArticleState {
  status: ArticleStatus;
  embargoedUntil: Date | null;
  sourceLocale: LocaleCode;
  texts: { locale: LocaleCode; version: number; sourceVersion: number; status: TranslationStatus }[];
}

/** The language versions a change touched: some, or all (fields every version shows: date, quotes, mentions). */
export type Touched = readonly LocaleCode[] | 'all';

async function readState(tx: P.TransactionClient, id: number): Promise<ArticleState | null> {
  const row = await tx.article.findUnique({
    where: { id },
    select: {
      status: true,
      embargoedUntil: true,
      sourceLocale: true,
      translations: { select: { locale: true, version: true, sourceVersion: true, status: true } },
    },
  });
  return row && { status: row.status, embargoedUntil: row.embargoedUntil, sourceLocale: row.sourceLocale, texts: row.translations };
}

/** The language versions readers see once the article is released (visibility.ts's textVisible): the source, and PUBLISHED translations. */
const releasable = (s: ArticleState): LocaleCode[] => s.texts.filter((t) => t.locale === s.sourceLocale || t.status === 'PUBLISHED').map((t) => t.locale);
const isScheduled = (s: ArticleState, now: number) => s.status === 'PUBLISHED' && s.embargoedUntil !== null && s.embargoedUntil.getTime() > now;
/** The language versions readers see at `now` (none while the article is a draft, archived or embargoed). */
const publicAt = (s: ArticleState, now: number): Set<LocaleCode> => new Set(s.status === 'PUBLISHED' && !isScheduled(s, now) ? releasable(s) : []);
/** A release still ahead, as "instant:locales", to compare two states' schedules. */
const scheduleOf = (s: ArticleState, now: number) => (isScheduled(s, now) ? `${s.embargoedUntil!.toISOString()}:${releasable(s).sort().join(',')}` : null);

/** The translations made from an older source version than the current one (translationState OUTDATED). */
function outdated(state: ArticleState): Set<LocaleCode> {
  const source = state.texts.find((t) => t.locale === state.sourceLocale);
  return new Set(state.texts.filter((t) => t.locale !== state.sourceLocale && source && t.sourceVersion < source.version).map((t) => t.locale));
}

interface ChangeEvents {
  /** Outbox and live, now. */
  public: DomainEvent[];
  /** Live, editors only. */
  editorial: EditorialEvent[];
  /** The schedule changed: pending releases are cancelled, and these (if any) recorded for `at`. */
  release: { at: Date | null; events: DomainEvent[] } | null;
}

/**
 * The events of a change, from the article's state before and after it, one computation for
 * readers, partners and editors. Public, per language version readers see: published when it
 * appears (article.published if the article was not visible, translation.published if it was),
 * unpublished when it disappears, updated when it stays and the change touched it, outdated when
 * it became OUTDATED. A change that changes nothing readers see records nothing public (a
 * republication). Editorial (drafts, translations not published, schedules): whatever the
 * change touched or moved that readers do not see. A schedule (embargo) records its
 * article.published events for its instant; a schedule changed or cancelled first cancels those
 * still pending.
 */
function articleChangeEvents(id: number, before: ArticleState, after: ArticleState, touched: Touched, now: number): ChangeEvents {
  const event = <T extends LiveEvent['type']>(type: T, locale: LocaleCode | null) => ({ type, articleId: id, locale }) as Extract<LiveEvent, { type: T }>;
  const was = publicAt(before, now);
  const is = publicAt(after, now);
  const out: ChangeEvents = { public: [], editorial: [], release: null };
  const told = new Set<LocaleCode>();
  const tell = (e: DomainEvent) => {
    out.public.push(e);
    told.add(e.locale!);
  };
  for (const locale of is) {
    if (!was.has(locale)) tell(event(was.size > 0 ? 'translation.published' : 'article.published', locale));
    else if (touched === 'all' || touched.includes(locale)) tell(event('article.updated', locale));
  }
  for (const locale of was) if (!is.has(locale)) tell(event('article.unpublished', locale));

  const statusMoved = before.status !== after.status || before.embargoedUntil?.getTime() !== after.embargoedUntil?.getTime();
  const statusOf = (s: ArticleState, l: LocaleCode) => s.texts.find((t) => t.locale === l)?.status;
  for (const { locale } of after.texts) {
    if (told.has(locale)) continue;
    if (statusOf(before, locale) !== undefined && statusOf(before, locale) !== statusOf(after, locale)) out.editorial.push(event('translation.status', locale));
    else if (statusMoved || touched === 'all' || touched.includes(locale)) out.editorial.push(event('draft.updated', locale));
  }
  const wasOutdated = outdated(before);
  for (const locale of outdated(after)) {
    if (wasOutdated.has(locale)) continue;
    if (is.has(locale)) out.public.push(event('translation.outdated', locale));
    else out.editorial.push(event('draft.outdated', locale));
  }

  if (scheduleOf(before, now) !== scheduleOf(after, now)) {
    const at = isScheduled(after, now) ? after.embargoedUntil : null;
    out.release = { at, events: at ? releasable(after).map((l) => event('article.published', l)) : [] };
    out.editorial.push(event('article.scheduled', null));
  }
  return out;
}

/**
 * Watches one article through a change in the caller's transaction: reads its state now, and
 * `record(touched)` reads it again and records the events of the difference (outbox and live,
 * see outbox.ts). Callers hold the article's row lock (or `lock` takes it) so that no other
 * change interleaves (quote edits do not: see quote-write.service.ts).
 */
export async function watchArticle(tx: P.TransactionClient, id: number, lock: 'update' | null = null) {
  if (lock === 'update') await tx.$executeRaw`SELECT 1 FROM "Article" WHERE id = ${id} FOR UPDATE`;
  const before = await readState(tx, id);
  return {
    async record(touched: Touched): Promise<void> {
      const after = before && (await readState(tx, id));
      if (!before || !after) return;
      const events = articleChangeEvents(id, before, after, touched, Date.now());
      await recordEvents(tx, events.public);
      recordEditorialEvents(tx, events.editorial);
      if (events.release) {
        await cancelPendingReleases(tx, id);
        if (events.release.at) await recordEvents(tx, events.release.events, { availableAt: events.release.at });
      }
    },
  };
}
