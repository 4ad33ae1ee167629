import type { LocaleCode } from '../config.js';
import type { Db } from '../db/database.js';
import { PUBLIC, visibleTextSql } from '../articles/visibility.js';
import { nextReleaseAt } from '../cache/releases.js';
import type { DomainEvent } from '../events/domain-event.js';
import { eventsCommitted } from '../events/outbox.js';
import type { Logger } from '../logger.js';
import { livePubSub, type LiveBus } from './live-bus.js';

/** setTimeout's longest delay (about 24.8 days): a release further ahead re-arms on the way. */
const TIMER_MAX_MS = 2 ** 31 - 1;

/**
 * Embargoes ending, as live subscribers and the webhook worker need them. A scheduled article's
 * article.published events wait in the outbox for its instant (src/events/article-events.ts);
 * live subscribers must hear them at that instant too, not at scheduling. Every process runs
 * this: one timer at the next release; when it fires, the articles released since the last one
 * (read again then: a schedule moved or cancelled meanwhile is not announced) are announced to
 * this process's own subscribers only — every process does the same, so going through Redis would
 * send N copies — and this process's webhook worker is woken for the deliveries now due (the
 * claim keeps them one process's). The timer re-arms on `article.scheduled` events, which reach
 * every process through the live bus, so a schedule made anywhere is known everywhere.
 */
export function announceReleases(prisma: Db, live: LiveBus, logger: Logger): { close(): void } {
  let since = Date.now();
  let timer: NodeJS.Timeout | null = null;
  let armedFor: number | null = null;
  let closed = false;
  const warn = (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'releases: live announcement failed');

  const arm = (at: number | null) => {
    if (closed || at === null || (armedFor !== null && armedFor <= at)) return;
    if (timer) clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(fire, Math.min(Math.max(at - Date.now(), 0), TIMER_MAX_MS)).unref();
  };
  const lookUp = () => nextReleaseAt(prisma).then(arm, warn);

  async function announce() {
    const until = Date.now();
    const rows = await prisma.$queryRaw<{ id: number; locale: LocaleCode }[]>`
      SELECT a.id, t.locale::text AS locale FROM "Article" a JOIN "ArticleTranslation" t ON t."articleId" = a.id
      WHERE a.status = 'PUBLISHED'::"ArticleStatus" AND a."embargoedUntil" > ${new Date(since)} AND a."embargoedUntil" <= ${new Date(until)}
        AND ${visibleTextSql(PUBLIC, 't', 'a')}
      ORDER BY a."embargoedUntil", a.id, t.locale`;
    since = until;
    const events: DomainEvent[] = rows.map((r) => ({ type: 'article.published', articleId: r.id, locale: r.locale }));
    if (events.length > 0) {
      live.announceLocally(events);
      eventsCommitted();
    }
  }
  function fire() {
    const at = armedFor!;
    timer = null;
    armedFor = null;
    if (Date.now() < at) return arm(at);
    void announce().catch(warn).then(lookUp);
  }

  const scheduled = livePubSub.subscribe('live', live.id);
  void (async () => {
    for await (const event of scheduled) if (event.type === 'article.scheduled') void lookUp();
  })().catch(warn);
  void lookUp();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      void scheduled.return?.();
    },
  };
}
