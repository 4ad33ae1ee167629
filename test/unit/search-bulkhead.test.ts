import { describe, expect, it } from 'vitest';
import { searchBulkhead, type Clock } from '../../src/search/search.bulkhead.js';
import { SEARCH } from '../../src/server/limits.js';

/** A clock the test moves: statements "take" the time they add, waits are recorded and pass at once. */
function testClock() {
  let now = 0;
  const waits: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      waits.push(Math.round(ms));
      now += ms;
    },
  };
  const statement = (ms: number) => async () => {
    now += ms;
    return ms;
  };
  return { clock, waits, statement, pass: (ms: number) => (now += ms) };
}

describe('the heavy searches’ budget of database time', () => {
  it('lets a quiet process run a burst at once, then holds heavy statements to HEAVY_MS_PER_SECOND', async () => {
    const { clock, waits, statement, pass } = testClock();
    const bulkhead = searchBulkhead(10, clock);
    const heavy = (ms: number) => bulkhead.run(statement(ms), { heavy: true })!;
    const half = SEARCH.HEAVY_BURST_MS / 2;
    // A quiet process: a request's worth of heavy statements runs without waiting.
    for (let i = 0; i < 2; i++) await heavy(half);
    expect(waits).toEqual([]);
    // Looping: over the run, heavy statements spent no more than the burst and the refill (one
    // statement may overspend it), and they waited for it.
    for (let i = 0; i < 20; i++) await heavy(half);
    const spent = 22 * half;
    expect(spent).toBeLessThanOrEqual(SEARCH.HEAVY_BURST_MS + (clock.now() * SEARCH.HEAVY_MS_PER_SECOND) / 1000 + half);
    expect(spent).toBeGreaterThan((clock.now() * SEARCH.HEAVY_MS_PER_SECOND) / 1000);
    const waited = waits.length;
    expect(waited).toBeGreaterThan(0);
    // Ordinary searches never wait for it.
    for (let i = 0; i < 5; i++) await bulkhead.run(statement(half), { heavy: false });
    expect(waits).toHaveLength(waited);
    // After a quiet while the burst is back.
    pass(60_000);
    for (let i = 0; i < 2; i++) await heavy(half);
    expect(waits).toHaveLength(waited);
  });
});
