import pLimit, { type LimitFunction } from 'p-limit';
import { SEARCH } from '../server/limits.js';

/**
 * Search statements run through a few slots of their own (SEARCH.POOL_SHARE of the pool), so
 * that however many searches arrive, the other connections stay free for reads, writes and
 * token lookups. A search waits for a slot without holding a connection; when too many already
 * wait, it is refused at once (`run` returns null) rather than queueing without end.
 */
export interface SearchBulkhead {
  readonly slots: number;
  run<T>(statement: () => Promise<T>): Promise<T> | null;
}

export function searchBulkhead(poolSize: number): SearchBulkhead {
  const slots = Math.max(1, Math.floor(poolSize * SEARCH.POOL_SHARE));
  const limit: LimitFunction = pLimit(slots);
  const queueMax = slots * SEARCH.QUEUE_PER_SLOT;
  return {
    slots,
    run: (statement) => (limit.activeCount >= slots && limit.pendingCount >= queueMax ? null : limit(statement)),
  };
}
