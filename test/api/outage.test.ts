import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresAddress, postgresDatabase, throughPort, type PostgresDatabase } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

/**
 * A database outage, on a real PostgreSQL server behind a TCP proxy the test controls (whatever
 * TEST_DB says: PGlite runs inside the process and cannot be cut). The API must fail fast with a
 * masked SERVICE_UNAVAILABLE, say so on /ready but not on /health, never crash, and come back by
 * itself with every acknowledged write in place.
 */

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const READ = 'query ($slug: String) { article(slug: $slug) { title quotes { text speaker { name } } } }';
const WRITE = 'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id slug } }';
/** Short on purpose, so that the blackhole case runs in about a second. */
const CONNECT_TIMEOUT_MS = 1_000;
/**
 * "Fast": a request during an outage ends within the connect timeout plus this margin, which
 * covers a CI machine busy with other runs (a hung request would take REQUEST_TIMEOUT_MS).
 */
const FAIL_FAST_MARGIN_MS = 3_000;
/** Per-request bound in the load loop: a request that takes longer is a hang. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Short on purpose: the lock test waits this long. */
const STATEMENT_TIMEOUT_MS = 1_500;
const UNAVAILABLE_EN = /^The service is temporarily unavailable, try again in a moment \(reference: [\w.-]+\)\.$/;

interface Outcome {
  kind: 'read' | 'write';
  startedAt: number;
  ms: number;
  status: number;
  /** Error codes of the GraphQL errors, empty on success. */
  codes: string[];
  messages: string[];
  /** The created article's id, for an acknowledged write. */
  id?: string;
}

let db: PostgresDatabase;
let proxy: TcpProxy;
let server: TestServer;
let editor: Record<string, string>;

beforeAll(async () => {
  db = await postgresDatabase('depeche_outage');
  proxy = await startTcpProxy(postgresAddress());
  server = await startTestServer({
    DATABASE_URL: throughPort(db.url, proxy.port),
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    DB_POOL_SIZE: '4',
    // Outages log warnings; an `error` line here is an unexpected error, worth seeing in the test output.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  });
  editor = await authHeader(server);
});
afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await db?.drop();
});

async function request(kind: Outcome['kind'], n: number): Promise<Outcome> {
  const startedAt = Date.now();
  const [query, variables, headers] =
    kind === 'read'
      ? [READ, { slug: SLUG }, {}]
      : [
          WRITE,
          { input: { sourceLocale: 'FR', title: `Panne ${n} ${startedAt}`, body: [{ kind: 'TEXT', text: `Écrit pendant le test de panne (${n}).` }] } },
          editor,
        ];
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await res.json()) as { data?: Record<string, { id?: string } | null> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  const errors = body.errors ?? [];
  return {
    kind,
    startedAt,
    ms: Date.now() - startedAt,
    status: res.status,
    codes: errors.map((e) => e.extensions?.code ?? '?'),
    messages: errors.map((e) => e.message),
    id: kind === 'write' && errors.length === 0 ? body.data?.createArticle?.id : undefined,
  };
}

/** `workers` loops of alternating reads and writes until `stop()`; every outcome is kept. */
function load(workers: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; running; i++) {
      outcomes.push(await request((w + i) % 2 === 0 ? 'read' : 'write', n++));
      // Back off a little after a failure, as a client would, so the cut is not a busy loop.
      if (outcomes.at(-1)!.codes.length > 0) await sleep(20);
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

const acknowledged = (outcomes: Outcome[], kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind && o.codes.length === 0).length;

async function waitFor(condition: () => boolean, withinMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > withinMs) throw new Error(`condition not met within ${withinMs} ms`);
    await sleep(50);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const status = async (path: string) => (await fetch(server.origin + path, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).status;

async function waitUntilReady(withinMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < withinMs) {
    if ((await status('/ready')) === 200) return Date.now() - start;
    await sleep(100);
  }
  throw new Error(`/ready did not come back within ${withinMs} ms`);
}

/** Article ids found directly in the database, not through the proxy. */
async function idsInDatabase(): Promise<Set<number>> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>('SELECT id FROM "Article"');
    return new Set(rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}
const databaseId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

describe('PostgreSQL cut under load', () => {
  let outcomes: Outcome[];
  let cutAt: number;
  let restoredAt: number;
  let readyAfterMs: number;
  const during: { ready: number[]; health: number[] } = { ready: [], health: [] };

  beforeAll(async () => {
    const traffic = load(8);
    try {
      await waitFor(() => acknowledged(traffic.outcomes, 'read') >= 5 && acknowledged(traffic.outcomes, 'write') >= 5, 20_000);
      cutAt = Date.now();
      await proxy.cut();
      for (let i = 0; i < 5; i++) {
        await sleep(300);
        during.ready.push(await status('/ready'));
        during.health.push(await status('/health'));
      }
      restoredAt = Date.now();
      await proxy.restore();
      readyAfterMs = await waitUntilReady(10_000);
      const back = restoredAt + readyAfterMs;
      const servedSince = (kind: Outcome['kind']) => traffic.outcomes.filter((o) => o.kind === kind && o.startedAt > back && o.codes.length === 0).length;
      await waitFor(() => servedSince('read') >= 5 && servedSince('write') >= 5, 20_000).catch(() => {});
    } finally {
      outcomes = await traffic.stop();
    }
  }, 60_000);

  it('served reads and writes before the cut', () => {
    const before = outcomes.filter((o) => o.startedAt + o.ms < cutAt);
    expect(before.filter((o) => o.kind === 'read' && o.codes.length === 0).length).toBeGreaterThan(0);
    expect(before.filter((o) => o.kind === 'write' && o.id).length).toBeGreaterThan(0);
  });

  it('failed requests are SERVICE_UNAVAILABLE, masked and in the language asked, never another error', () => {
    const failed = outcomes.filter((o) => o.codes.length > 0);
    expect(failed.length).toBeGreaterThan(0);
    // 200 with the error next to `data` when a resolver failed; 503 when the editor's token could
    // not even be looked up (no part of the request could run).
    const wrong = failed.filter(
      (o) =>
        !(o.status === 200 || (o.status === 503 && o.kind === 'write')) ||
        o.codes.some((c) => c !== 'SERVICE_UNAVAILABLE') ||
        o.messages.some((m) => !UNAVAILABLE_EN.test(m)),
    );
    expect(wrong).toEqual([]);
  });

  it('every request during the outage ended fast', () => {
    // Requests sent in the very millisecond of the cut may have been served just before it.
    const cut = outcomes.filter((o) => o.startedAt > cutAt + 20 && o.startedAt < restoredAt);
    expect(cut.length).toBeGreaterThan(10);
    expect(Math.max(...cut.map((o) => o.ms))).toBeLessThan(CONNECT_TIMEOUT_MS + FAIL_FAST_MARGIN_MS);
    // A request wholly inside the outage cannot have succeeded (a refused connection fails at once).
    const inside = cut.filter((o) => o.startedAt + o.ms < restoredAt);
    expect(inside.filter((o) => o.codes.length === 0)).toEqual([]);
  });

  it('/ready answered 503 during the outage while /health stayed 200', () => {
    expect(during.ready).toEqual([503, 503, 503, 503, 503]);
    expect(during.health).toEqual([200, 200, 200, 200, 200]);
  });

  it('recovered by itself once PostgreSQL was reachable again', async () => {
    expect(readyAfterMs).toBeLessThan(5_000);
    const after = outcomes.filter((o) => o.startedAt > restoredAt + readyAfterMs);
    expect(after.filter((o) => o.kind === 'read').length).toBeGreaterThanOrEqual(5);
    expect(after.filter((o) => o.kind === 'write').length).toBeGreaterThanOrEqual(5);
    expect(after.filter((o) => o.codes.length > 0).map((o) => ({ ...o, since: o.startedAt - restoredAt - readyAfterMs }))).toEqual([]);
    expect((await request('read', 0)).codes).toEqual([]);
  });

  it('lost no acknowledged write', async () => {
    const acknowledged = outcomes.filter((o) => o.id).map((o) => databaseId(o.id!));
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await idsInDatabase();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});

describe('PostgreSQL silent (connections accepted, never answered)', () => {
  afterAll(() => proxy.restore());

  it('a request fails with SERVICE_UNAVAILABLE after the connect timeout, /ready says 503, and the API recovers', async () => {
    await proxy.blackhole();
    // Let the pool notice that its open connections died: the next request has to open one.
    await sleep(300);
    const [outcome, ready, health] = await Promise.all([request('read', 0), status('/ready'), status('/health')]);
    expect(outcome.codes).toEqual(['SERVICE_UNAVAILABLE']);
    expect(outcome.messages[0]).toMatch(UNAVAILABLE_EN);
    expect(outcome.ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
    expect(outcome.ms).toBeLessThan(CONNECT_TIMEOUT_MS + FAIL_FAST_MARGIN_MS);
    expect(ready).toBe(503);
    expect(health).toBe(200);
    const write = await request('write', 0);
    expect(write.codes).toEqual(['SERVICE_UNAVAILABLE']);

    await proxy.restore();
    await waitUntilReady(5_000);
    expect((await request('read', 0)).codes).toEqual([]);
    const written = await request('write', 1);
    expect(written.codes).toEqual([]);
    expect((await idsInDatabase()).has(databaseId(written.id!))).toBe(true);
  });
});

describe('a statement stuck behind a lock', () => {
  it('is cancelled after DB_STATEMENT_TIMEOUT_MS with SERVICE_UNAVAILABLE, and the connection stays usable', async () => {
    const read = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($slug: String) { article(slug: $slug) { id version } }', variables: { slug: SLUG } }),
    });
    const { id, version } = ((await read.json()) as { data: { article: { id: string; version: number } } }).data.article;
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM "Article" WHERE id = $1 FOR UPDATE', [databaseId(id)]);
      const started = Date.now();
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en', ...editor },
        body: JSON.stringify({
          query: 'mutation ($id: ID!, $v: Int!) { updateArticle(id: $id, expectedVersion: $v, input: { lede: "Bloqué" }) { version } }',
          variables: { id, v: version },
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const ms = Date.now() - started;
      const body = (await res.json()) as { errors?: { message: string; extensions: { code: string } }[] };
      expect(body.errors?.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(body.errors![0]!.message).toMatch(UNAVAILABLE_EN);
      expect(ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(STATEMENT_TIMEOUT_MS + FAIL_FAST_MARGIN_MS);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await request('write', 2)).codes).toEqual([]);
  });
});
