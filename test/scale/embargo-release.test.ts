import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/token.service.js';
import { openDatabase } from '../../src/db/database.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { postgresDatabase, seedPostgres, type PostgresDatabase } from '../support/postgres.js';
import { deleteKeysUnder, redisGet, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { post } from '../support/http.js';

// Two API processes (`node dist/src/main.js`, each with its own timers and in-process answer
// cache) on one PostgreSQL database and one Redis (shared response cache and content generation),
// with the response cache on: an article scheduled through A two seconds ahead is served by
// neither before its instant and by both after it, with no mutation at the release. B never saw
// the schedule happen: it learns of it through the generation A's mutation moved on.

const FEED = `query Feed($slug: String!) { article(slug: $slug) { id } articles(first: 50) { edges { node { slug } } } }`;
type FeedAnswer = { article: { id: string } | null; articles: { edges: { node: { slug: string } }[] } };

const prefix = uniquePrefix('embargo_release');
let db: PostgresDatabase;
let a: ChildServer;
let b: ChildServer;
let authorization: string;

beforeAll(async () => {
  db = await postgresDatabase('depeche_embargo');
  await seedPostgres(db.url);
  const handle = await openDatabase({ databaseUrl: db.url, dataDir: '', dbPoolSize: 1, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
  try {
    authorization = `Bearer ${(await createToken(handle.prisma, 'embargo-test', 'EDITOR')).secret}`;
  } finally {
    await handle.close();
  }
  const env = { DATABASE_URL: db.url, REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: prefix, RESPONSE_CACHE: 'on', SEED_ON_START: 'never' };
  [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
});
afterAll(async () => {
  await a?.kill();
  await b?.kill();
  await db?.drop();
  await deleteKeysUnder(testRedisUrl, prefix);
});

const edit = async <T>(server: ChildServer, query: string, variables: Record<string, unknown>) => {
  const answer = await post<T>(server.url, { query, variables }, { authorization });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!;
};

describe('a scheduled release with two processes and Redis', () => {
  it('is served by neither process before its instant and by both after it', async () => {
    const { createArticle } = await edit<{ createArticle: { id: string; slug: string; version: number } }>(
      a,
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id slug version } }`,
      { input: { sourceLocale: 'FR', title: 'Résultats trimestriels sous embargo', body: [{ kind: 'TEXT', text: 'Chiffres.' }] } },
    );
    const read = (server: ChildServer) => post<FeedAnswer>(server.url, { query: FEED, variables: { slug: createArticle.slug } });
    // Both processes cache the feed without the article (60 s TTL: no release is known yet).
    for (const server of [a, b]) await read(server);
    expect((await read(b)).cache).toBe('HIT');

    const at = new Date(Date.now() + 2000);
    await edit(a, `mutation ($id: ID!, $v: Int!, $at: DateTime!) { scheduleArticle(id: $id, expectedVersion: $v, at: $at) { version } }`, {
      id: createArticle.id,
      v: createArticle.version,
      at: at.toISOString(),
    });
    const scheduledGeneration = Number(await redisGet(testRedisUrl, `${prefix}cache:generation`));

    const early = { a: 0, b: 0 };
    const hits = { a: 0, b: 0 };
    const released = { a: false, b: false };
    // Bounded: two polls (one per process) every 50 ms at least, 10 s at most for a release 2 s ahead.
    for (let poll = 0; poll < 200 && !(released.a && released.b); poll++) {
      for (const [name, server] of [
        ['a', a],
        ['b', b],
      ] as const) {
        const answer = await read(server);
        const received = Date.now();
        // The two roots are two statements, each judging the embargo at its own now(): at the
        // instant they may straddle it, so each is checked on its own.
        const byslug = answer.body.data!.article !== null;
        const inFeed = answer.body.data!.articles.edges.some((e) => e.node.slug === createArticle.slug);
        if (answer.cache === 'HIT') hits[name]++;
        if ((byslug || inFeed) && received < at.getTime()) early[name]++;
        if (byslug && inFeed) released[name] = true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(early).toEqual({ a: 0, b: 0 });
    expect(released).toEqual({ a: true, b: true });
    // The cache was in use on both sides until the release, and each answers the article from then on.
    expect(hits.a + hits.b).toBeGreaterThan(0);
    for (const server of [a, b, a, b]) expect((await read(server)).body.data!.article).not.toBeNull();
    // No mutation ran at the release: the generation moved on by itself (a timer in each process).
    // The timer fires at the instant; the reads above can see the release a few ms before it.
    await expect
      .poll(async () => Number(await redisGet(testRedisUrl, `${prefix}cache:generation`)), { timeout: 5_000, interval: 50 })
      .toBeGreaterThan(scheduledGeneration);
  });
});
