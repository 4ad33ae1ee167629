import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { createToken } from '../../src/auth/token.service.js';
import { postgresDatabase, type PostgresDatabase } from '../support/postgres.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';

/**
 * Graceful shutdown of `node dist/src/main.js`, on PostgreSQL whatever TEST_DB says: the test holds
 * a row lock from its own connection so that an editor's mutation stays in flight, then sends
 * SIGTERM. PGlite lives inside the server process, where no other connection can hold a lock.
 */

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const GRACE_MS = 8_000;

let db: PostgresDatabase;
let authorization: string;
let child: ChildServer | null = null;

beforeAll(async () => {
  db = await postgresDatabase('depeche_shutdown');
  const handle = await openDatabase({ databaseUrl: db.url, dataDir: '', dbPoolSize: 1, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
  try {
    authorization = `Bearer ${(await createToken(handle.prisma, 'shutdown-test', 'EDITOR')).secret}`;
  } finally {
    await handle.close();
  }
});
afterEach(async () => {
  await child?.kill();
  child = null;
});
afterAll(() => db?.drop());

const start = (env: Record<string, string> = {}) => spawnServer({ DATABASE_URL: db.url, SEED_ON_START: 'always', ...env });

async function post(server: ChildServer, query: string, variables: Record<string, unknown>) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, { id: string; version: number; lede: string | null }> | null; errors?: unknown[] },
  };
}

/**
 * Connects to the port: 'refused' once the server stopped listening. A connection the closing
 * listener had queued but never served is reset: not accepted either.
 */
const connectTo = (port: number) =>
  new Promise<'accepted' | 'refused'>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' ? resolve('refused') : reject(err)));
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => Promise<T | undefined>, withinMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await sleep(50);
  }
}

/**
 * Locks the seed article's row from another connection and starts an editor's update of it, which
 * waits on the lock; resolves once PostgreSQL shows the update waiting.
 */
async function holdAnUpdate(server: ChildServer) {
  const read = await post(server, 'query ($slug: String) { article(slug: $slug) { id version lede } }', { slug: SLUG });
  const article = read.body.data!.article!;
  const locker = new pg.Client({ connectionString: db.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('SELECT id FROM "Article" WHERE id = $1 FOR UPDATE', [Number(Buffer.from(article.id, 'base64').toString().split(':')[1])]);
  const lede = `Mis à jour pendant l'arrêt ${Date.now()}`;
  const update = post(
    server,
    'mutation ($id: ID!, $v: Int!, $lede: String) { updateArticle(id: $id, expectedVersion: $v, input: { lede: $lede }) { id version lede } }',
    {
      id: article.id,
      v: article.version,
      lede,
    },
  );
  update.catch(() => {}); // awaited by the test; a failure must not be an unhandled rejection meanwhile
  await until(
    async () => {
      const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return rows[0].n > 0 ? true : undefined;
    },
    10_000,
    'the update waiting on the lock',
  );
  return {
    article,
    lede,
    update,
    locker,
    release: async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    },
  };
}

describe('SIGTERM', () => {
  it('stops accepting, lets the in-flight mutation finish with its answer, closes the database and exits 0', async () => {
    child = await start({ SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const server = child;
    expect(await connectTo(server.port)).toBe('accepted');
    const held = await holdAnUpdate(server);
    let released = false;
    try {
      const signalled = Date.now();
      server.process.kill('SIGTERM');
      await server.logged('shutting down', 5_000);
      // New connections are refused while the held request is still running.
      await until(async () => ((await connectTo(server.port)) === 'refused' ? true : undefined), 5_000, 'new connections refused');
      expect(server.process.exitCode).toBeNull();

      await held.release();
      released = true;
      const { status, body } = await held.update;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.updateArticle).toEqual({ id: held.article.id, version: held.article.version + 1, lede: held.lede });

      expect(await server.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(GRACE_MS);
      expect(server.logs.map((l) => l.msg)).toContain('shut down');
      // The write is in the database, and the server closed its connections.
      const check = new pg.Client({ connectionString: db.url });
      await check.connect();
      try {
        const { rows } = await check.query('SELECT version FROM "Article" WHERE slug = $1', [SLUG]);
        expect(rows[0].version).toBe(held.article.version + 1);
        const others = await check.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        expect(others.rows[0].n).toBe(0);
      } finally {
        await check.end();
      }
    } finally {
      if (!released) await held.release();
    }
  });

  it('exits 1 when in-flight requests outlast SHUTDOWN_GRACE_MS', async () => {
    child = await start({ SHUTDOWN_GRACE_MS: '1000' });
    const server = child;
    const held = await holdAnUpdate(server);
    try {
      const signalled = Date.now();
      server.process.kill('SIGTERM');
      expect(await server.exited).toBe(1);
      const elapsed = Date.now() - signalled;
      expect(elapsed).toBeGreaterThanOrEqual(950);
      expect(elapsed).toBeLessThan(5_000);
      expect(server.logs.map((l) => l.msg)).toContain('shutdown grace period exceeded, exiting');
    } finally {
      await held.release();
    }
    await held.update.catch(() => {});
  });
});
