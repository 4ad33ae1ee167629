import pLimit, { type LimitFunction } from 'p-limit';
import { SEARCH, searchSlots } from '../server/limits.js';

/**
 * Search statements run through a few slots (SEARCH.POOL_SHARE of the pool), so that however
 * many searches arrive, the other connections stay free for reads, writes and token lookups
 * (anonymous searches run on a pool of that size of their own: Database.anonymousSearcher). A search waits for a slot without holding a connection; when too many already
 * wait, it is refused at once (`run` returns null) rather than queueing without end.
 */
export interface SearchBulkhead {
  readonly slots: number;
  run<T>(statement: () => Promise<T>): Promise<T> | null;
}

export function searchBulkhead(poolSize: number): SearchBulkhead {
  const slots = searchSlots(poolSize);
  const limit: LimitFunction = pLimit(slots);
  const queueMax = slots * SEARCH.QUEUE_PER_SLOT;
  return {
    slots,
    run: (statement) => (limit.activeCount >= slots && limit.pendingCount >= queueMax ? null : limit(statement)),
  };
}
