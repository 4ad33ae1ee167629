import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { lockEntityNames } from '../support/locks.js';
import { onPostgres } from '../support/databases.js';
import { SEARCH } from '../../src/server/limits.js';

// A heavy search asks for more than a screen of results: more snippets than LIGHT_SNIPPETS_MAX,
// or more distinct words than LIGHT_TERMS_MAX. Ordinary ones ask for a screenful.
const MANY_SNIPPETS = `{ search(query: "Niger", first: ${SEARCH.LIGHT_SNIPPETS_MAX + 1}) { totalCount edges { node { snippet } } } }`;
const MANY_WORDS = `{ search(query: "${['niger', 'soldats', 'armée', 'junte', 'accord'].slice(0, SEARCH.LIGHT_TERMS_MAX + 1).join(' OR ')}", first: 1) { totalCount } }`;
const SCREENFUL = `{ search(query: "Niger", first: ${SEARCH.LIGHT_SNIPPETS_MAX}) { totalCount edges { node { snippet } } } }`;
// A large page without snippets costs ranking only: not heavy.
const LARGE_PAGE_NO_SNIPPETS = '{ search(query: "Niger", first: 100) { totalCount edges { node { rank } } } }';

type Answer = { totalCount: number } | { code: unknown; message: string };

let server: TestServer;
beforeAll(async () => {
  // DB_POOL_SIZE 8: two search slots (SEARCH.POOL_SHARE), both open to heavy searches (SEARCH.HEAVY_SHARE).
  server = await startTestServer({ DB_POOL_SIZE: '8' });
  expect([server.running.searchBulkhead.slots, server.running.searchBulkhead.heavySlots]).toEqual([2, 2]);
});
afterAll(() => server?.close());

const ask = (query: string, language = 'en'): Promise<Answer> =>
  server
    .client({ 'accept-language': language })
    .request<{ search: { totalCount: number } }>(query)
    .then(
      (d) => ({ totalCount: d.search.totalCount }),
      async (e: unknown) => {
        const [error] = await graphqlErrors(Promise.reject(e));
        return { code: error!.extensions?.code, message: error!.message };
      },
    );

/** Waits (bounded) until the server holds `n` searches waiting for a slot or the heavy lane. */
async function untilWaiting(n: number) {
  for (let i = 0; i < 200 && server.running.searchBulkhead.waiting !== n; i++) await new Promise((r) => setTimeout(r, 25));
  expect(server.running.searchBulkhead.waiting).toBe(n);
}

/** PostgreSQL: search statements parked on the lock, as the database sees them. */
async function searchStatementsWaiting(expected: number) {
  const count = async () => {
    const [row] = await server.prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%websearch_to_tsquery%'`;
    return row.n;
  };
  for (let i = 0; i < 200 && (await count()) !== expected; i++) await new Promise((r) => setTimeout(r, 25));
  return count();
}

describe('the heavy-search lane', () => {
  it('queues heavy searches in a lane of their own: past its queue they are refused, while ordinary searches are still admitted', async () => {
    const release = await lockEntityNames(server);
    const { heavySlots } = server.running.searchBulkhead;
    const admitted = heavySlots * (1 + SEARCH.QUEUE_PER_SLOT);
    const heavy = Array.from({ length: admitted }, (_, i) => ask(i % 2 ? MANY_WORDS : MANY_SNIPPETS));
    await untilWaiting(admitted - heavySlots);
    if (onPostgres) expect(await searchStatementsWaiting(heavySlots)).toBe(heavySlots);

    // The lane is full: more heavy searches are refused at once, in the caller's language.
    expect(await ask(MANY_SNIPPETS)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Too many searches are running right now: try again in a moment.' });
    expect(await ask(MANY_WORDS, 'fr')).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Trop de recherches sont en cours : réessayez dans un instant.' });

    // Ordinary searches have a queue of their own: admitted, they wait for a slot.
    const ordinary = [ask(SCREENFUL), ask(LARGE_PAGE_NO_SNIPPETS), ask(SCREENFUL, 'fr')];
    await untilWaiting(admitted - heavySlots + ordinary.length);

    await release();
    for (const answer of await Promise.all([...heavy, ...ordinary])) expect(answer).toEqual({ totalCount: expect.any(Number) });
  });

  it('never runs a search whose caller went away while it waited for a slot', async () => {
    const release = await lockEntityNames(server);
    const holding = [ask(SCREENFUL), ask(SCREENFUL)];
    await untilWaiting(0);
    if (onPostgres) expect(await searchStatementsWaiting(2)).toBe(2);
    const callers = Array.from({ length: 3 }, () => new AbortController());
    const abandoned = callers.map((caller) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SCREENFUL }),
        signal: caller.signal,
      }).catch((e: unknown) => (e as Error).name),
    );
    await untilWaiting(callers.length);
    for (const caller of callers) caller.abort();
    expect(await Promise.all(abandoned)).toEqual(['AbortError', 'AbortError', 'AbortError']);
    // The client gave up at once; the server reads the closed connections on its next turns.
    await new Promise((r) => setTimeout(r, 200));

    const { result, sql } = await server.countStatements(async () => {
      await release();
      const answers = await Promise.all(holding);
      await untilWaiting(0);
      return answers;
    });
    for (const answer of result) expect(answer).toEqual({ totalCount: expect.any(Number) });
    // The two searches that held the slots ran; the three abandoned ones never reached the database.
    expect(sql.filter((s) => s.includes('websearch_to_tsquery'))).toHaveLength(2);
  });

  it('cuts no snippet when none is selected', async () => {
    const { result, sql } = await server.countStatements(() => ask(LARGE_PAGE_NO_SNIPPETS));
    expect(result).toEqual({ totalCount: expect.any(Number) });
    const search = sql.filter((s) => s.includes('websearch_to_tsquery'));
    expect(search).toHaveLength(1);
    expect(search[0]).not.toContain('ts_headline');
    const withSnippets = await server.countStatements(() => ask(SCREENFUL));
    expect(withSnippets.sql.filter((s) => s.includes('ts_headline'))).toHaveLength(1);
  });
});
