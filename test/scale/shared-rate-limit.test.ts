import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/token.service.js';
import { openDatabase } from '../../src/db/database.js';
import { uniqueName } from '../support/databases.js';
import { postgresDatabase, seedPostgres, type PostgresDatabase } from '../support/postgres.js';
import { freePort, spawnApi, type ApiProcess } from '../support/processes.js';
import { startTestServer, type TestServer } from '../support/server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = JSON.stringify({ query: '{ __typename }' });
const ANONYMOUS = 4;
const EDITOR = 6;

async function status(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY });
  await res.arrayBuffer();
  return res.status;
}

/** Deletes this test's keys only (the Redis is shared: never FLUSHDB). */
async function deleteKeys(redis: Redis, prefix: string) {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

describe('rate limits shared through Redis by two API processes', () => {
  const prefix = `${uniqueName('depeche_test')}:`;
  let db: PostgresDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  let redis: Redis;
  let editor: Record<string, string>;

  beforeAll(async () => {
    db = await postgresDatabase();
    await seedPostgres(db.url);
    const tokens = await openDatabase({ databaseUrl: db.url, dataDir: 'memory://', dbPoolSize: 1, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
    editor = { authorization: `Bearer ${(await createToken(tokens.prisma, 'shared-limit editor', 'EDITOR')).secret}` };
    await tokens.close();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_ANONYMOUS: String(ANONYMOUS),
      RATE_LIMIT_EDITOR: String(EDITOR),
      RATE_LIMIT_WINDOW_SECONDS: '60',
    };
    [a, b] = await Promise.all([spawnApi(env), spawnApi(env)]);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (redis) {
      await deleteKeys(redis, prefix);
      await redis.quit();
    }
    await db?.drop();
  });

  it('counts an anonymous client once across both processes', async () => {
    const got: number[] = [];
    for (let i = 0; i < ANONYMOUS; i++) got.push(await status((i % 2 ? b : a).url));
    expect(got).toEqual([200, 200, 200, 200]);
    expect([await status(a.url), await status(b.url)]).toEqual([429, 429]);
    expect(await redis.exists(`${prefix}ratelimit:anonymous:ip:127.0.0.1`)).toBe(1);
  });

  it("counts an editor's token once across both processes, on its own budget", async () => {
    const got: number[] = [];
    for (let i = 0; i < EDITOR + 2; i++) got.push(await status((i % 2 ? b : a).url, editor));
    expect(got).toEqual([...Array(EDITOR).fill(200), 429, 429]);
  });
});

/** A Redis server of our own on a free port, which the test can stop and start again. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}
const stopRedis = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('rate limits while Redis is down', () => {
  let port: number;
  let redisServer: ChildProcess;
  let server: TestServer;
  beforeAll(async () => {
    port = await freePort();
    redisServer = await startRedis(port);
    server = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_ANONYMOUS: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(async () => {
    await server?.close();
    if (redisServer?.exitCode === null) await stopRedis(redisServer);
  });

  const burst = async () => [await status(server.url), await status(server.url), await status(server.url)];

  it('counts in Redis, then in memory while Redis is away (neither blocking everyone nor crashing), then in Redis again', async () => {
    expect(await burst()).toEqual([200, 200, 429]);

    await stopRedis(redisServer);
    // The in-memory insurance limiter takes over: a fresh count, still limited.
    expect(await burst()).toEqual([200, 200, 429]);
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);

    redisServer = await startRedis(port);
    const probe = new Redis(`redis://127.0.0.1:${port}`);
    try {
      // ioredis reconnects by itself within its 2 s back-off; the new Redis starts empty.
      await expect.poll(() => status(server.url), { timeout: 10_000, interval: 250 }).toBe(200);
      expect(await probe.keys('depeche:ratelimit:anonymous:*')).toEqual(['depeche:ratelimit:anonymous:ip:127.0.0.1']);
    } finally {
      probe.disconnect();
    }
  });
});

describe('a process started while Redis is down', () => {
  let db: PostgresDatabase;
  let api: ApiProcess;
  beforeAll(async () => {
    db = await postgresDatabase();
    await seedPostgres(db.url);
    api = await spawnApi({
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      RATE_LIMIT_ANONYMOUS: '2',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('starts after a bounded wait, says so, and limits in memory', async () => {
    const ready = api.logs.findIndex((l) => l.msg === 'Dépêche ready');
    const warned = api.logs.findIndex((l) => l.msg === 'redis not ready at start; counting and caching in this process until it is');
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(warned).toBeLessThan(ready);
    expect([await status(api.url), await status(api.url), await status(api.url)]).toEqual([200, 200, 429]);
  });
});
