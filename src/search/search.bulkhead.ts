import { setTimeout } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import { SEARCH, searchSlots } from '../server/limits.js';

/** What the bulkhead needs to know of a search statement before it runs. */
interface SearchAdmission {
  /** Asks for more work than a screen of results (see `isHeavySearch`): runs in the heavy lane. */
  heavy: boolean;
  /** Aborted when the caller went away: a search still waiting then never runs. */
  signal?: AbortSignal;
}

/**
 * Search statements run through a few slots (SEARCH.POOL_SHARE of the pool), so that however
 * many searches arrive, the other connections stay free for reads, writes and token lookups
 * (anonymous searches run on a pool of that size of their own: Database.anonymousSearcher). A
 * search waits for a slot without holding a connection; when too many already wait, it is
 * refused at once (`run` returns null) rather than queueing without end.
 *
 * Heavy searches first pass a lane of their own, SEARCH.HEAVY_SHARE of the slots (at least 1):
 * however many of them a client sends, they never hold every slot, so ordinary searches still
 * run and the database keeps CPU for the feed (on a 2-core machine, two heavy searches at once
 * took both cores and doubled the feed's p99).
 */
export interface SearchBulkhead {
  readonly slots: number;
  readonly heavySlots: number;
  /** Searches waiting for a slot or for the heavy lane (a gauge for logs and tests). */
  readonly waiting: number;
  run<T>(statement: () => Promise<T>, admission: SearchAdmission): Promise<T> | null;
}

/** The caller went away while its search waited: nobody reads the answer, so it never ran. */
export class SearchAbandoned extends Error {
  constructor() {
    super('search abandoned by its caller before it ran');
  }
}

const full = (limit: LimitFunction, slots: number) => limit.activeCount >= slots && limit.pendingCount >= slots * SEARCH.QUEUE_PER_SLOT;

export function searchBulkhead(poolSize: number): SearchBulkhead {
  const slots = searchSlots(poolSize);
  const heavySlots = Math.max(1, Math.floor(slots * SEARCH.HEAVY_SHARE));
  const all = pLimit(slots);
  const heavy = pLimit(heavySlots);
  const unlessAbandoned =
    <T>(statement: () => Promise<T>, signal?: AbortSignal) =>
    () =>
      signal?.aborted ? Promise.reject(new SearchAbandoned()) : statement();
  // A heavy statement's lane place stays taken, after its answer is sent, for SEARCH.HEAVY_REST
  // times as long as it ran: a caller looping heavy searches gets a share of one core, measured
  // in what its statements really cost the database, not in how they look.
  const paced = <T>(statement: () => Promise<T>, signal?: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      void heavy(async () => {
        let ran = 0;
        try {
          resolve(
            await all(
              unlessAbandoned(async () => {
                const started = performance.now();
                try {
                  return await statement();
                } finally {
                  ran = performance.now() - started;
                }
              }, signal),
            ),
          );
        } catch (err) {
          reject(err);
        }
        if (ran > 0) await setTimeout(ran * SEARCH.HEAVY_REST);
      });
    });
  return {
    slots,
    heavySlots,
    get waiting() {
      return all.pendingCount + heavy.pendingCount;
    },
    run(statement, { heavy: isHeavy, signal }) {
      if (full(all, slots) || (isHeavy && full(heavy, heavySlots))) return null;
      return isHeavy ? paced(statement, signal) : all(unlessAbandoned(statement, signal));
    },
  };
}
