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
 * Heavy searches first pass a lane of their own (SEARCH.HEAVY_SHARE of the slots, with a queue of
 * its own) and a budget of database time: however many of them clients send, they take at most
 * SEARCH.HEAVY_MS_PER_SECOND of the database's time, so ordinary searches still run and the
 * database keeps CPU for the feed (on a 2-core machine, heavy searches on both slots took both
 * cores and raised the feed's p99 2.5 times).
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

/** Time as the bulkhead reads it (a test drives its own). */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const systemClock: Clock = { now: () => performance.now(), sleep: (ms) => setTimeout(ms) };

/**
 * The database time heavy statements may spend: it refills at SEARCH.HEAVY_MS_PER_SECOND and
 * holds at most SEARCH.HEAVY_BURST_MS, so a lone caller's heavy request runs at once, and callers
 * looping heavy searches get that share of one core, measured in what their statements really
 * cost, not in how they look.
 */
function databaseTimeBudget(clock: Clock) {
  let balance: number = SEARCH.HEAVY_BURST_MS;
  let at = clock.now();
  const refill = () => {
    const now = clock.now();
    balance = Math.min(SEARCH.HEAVY_BURST_MS, balance + ((now - at) * SEARCH.HEAVY_MS_PER_SECOND) / 1000);
    at = now;
  };
  return {
    /** Waits until the budget is no longer overspent. */
    async available(): Promise<void> {
      refill();
      if (balance < 0) await clock.sleep((-balance * 1000) / SEARCH.HEAVY_MS_PER_SECOND);
    },
    spend(ms: number): void {
      refill();
      balance -= ms;
    },
  };
}

export function searchBulkhead(poolSize: number, clock: Clock = systemClock): SearchBulkhead {
  const slots = searchSlots(poolSize);
  const heavySlots = Math.max(1, Math.floor(slots * SEARCH.HEAVY_SHARE));
  const all = pLimit(slots);
  const heavy = pLimit(heavySlots);
  const budget = databaseTimeBudget(clock);
  const unlessAbandoned =
    <T>(statement: () => Promise<T>, signal?: AbortSignal) =>
    () =>
      signal?.aborted ? Promise.reject(new SearchAbandoned()) : statement();
  // A heavy search waits for the budget in its lane (holding no search slot), then for a slot.
  const budgeted = <T>(statement: () => Promise<T>, signal?: AbortSignal) =>
    heavy(async () => {
      await budget.available();
      return all(
        unlessAbandoned(async () => {
          const started = clock.now();
          try {
            return await statement();
          } finally {
            budget.spend(clock.now() - started);
          }
        }, signal),
      );
    });
  return {
    slots,
    heavySlots,
    get waiting() {
      return all.pendingCount + heavy.pendingCount;
    },
    run(statement, { heavy: isHeavy, signal }) {
      if (full(all, slots) || (isHeavy && full(heavy, heavySlots))) return null;
      return isHeavy ? budgeted(statement, signal) : all(unlessAbandoned(statement, signal));
    },
  };
}
