import { Prisma as P } from '@prisma/client';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Generation } from './generation.js';
import { readRows } from '../db/direct-reads.js';

/** setTimeout's longest delay (about 24.8 days): a release further ahead re-arms on the way. */
const TIMER_MAX_MS = 2 ** 31 - 1;

/**
 * Scheduled releases (scheduleArticle), as the caches need them. A scheduled article appears to
 * readers at its instant by itself (the SQL compares with now()), but an answer cached before that
 * instant would not: so every cached reader answer, and the `max-age` CDNs get, lives at most until
 * the next release, and at that instant this process bumps the content generation, which (through
 * Redis when shared) retires every answer cached before it in every process.
 */
export interface Releases {
  /**
   * Whole seconds left until the next scheduled release (floored: never past it), null when none
   * is scheduled. Known per content generation: one query when the generation is new or the
   * release it knew has passed; `null` (generation unknown) asks the database each time.
   */
  secondsLeft(generation: number | null): Promise<number | null>;
}

/** The next scheduled release (ms), null when none. On the primary, not a replica: a schedule just committed must be seen. */
export async function nextReleaseAt(prisma: Db): Promise<number | null> {
  const [row] = await readRows<{ at: Date | null }>(
    prisma,
    P.sql`
    SELECT min("embargoedUntil") AS at FROM "Article" WHERE "embargoedUntil" > now() AND status = 'PUBLISHED'::"ArticleStatus"`,
  );
  return row?.at ? row.at.getTime() : null;
}

export function releases(prisma: Db, generation: Generation | undefined, logger: Logger): Releases {
  // The next release (ms) known for a generation, or the query on its way for it.
  let known: { generation: number; next: Promise<number | null> } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let armedFor: number | null = null;

  const nextRelease = () => nextReleaseAt(prisma);

  // One timer, for the earliest release this process knows of. When it fires (and the instant has
  // come: timers may fire a little early or be capped), the generation moves on and the next
  // release is looked up at once, so a process with no requests still releases on time.
  const arm = (at: number) => {
    if (!generation || (armedFor !== null && armedFor <= at)) return;
    if (timer) clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(fire, Math.min(Math.max(at - Date.now(), 0), TIMER_MAX_MS)).unref();
  };
  const fire = () => {
    const at = armedFor!;
    timer = null;
    armedFor = null;
    if (Date.now() < at) return arm(at);
    known = null;
    void generation!
      .bump()
      .then(nextRelease)
      .then(
        (next) => next !== null && arm(next),
        (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'releases: looking up the next release failed'),
      );
  };

  const lookUp = () => {
    const next = nextRelease();
    void next.then(
      (at) => at !== null && arm(at),
      () => undefined,
    );
    return next;
  };

  return {
    async secondsLeft(current) {
      let next: number | null;
      if (current === null) next = await lookUp();
      else {
        if (known?.generation !== current) known = { generation: current, next: lookUp() };
        const mine = known;
        next = await mine.next.catch((err: unknown) => {
          if (known === mine) known = null;
          throw err;
        });
        // Passed: what is next is not known yet.
        if (next !== null && next <= Date.now()) {
          const again = lookUp();
          known = { generation: current, next: again };
          next = await again;
        }
      }
      return next === null ? null : Math.max(0, Math.floor((next - Date.now()) / 1000));
    },
  };
}
