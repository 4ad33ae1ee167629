import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../support/server.js';
import { postgresDatabase } from '../support/postgres.js';
import { keysUnder, privateRedis, redisGet, uniquePrefix, type PrivateRedis } from '../support/redis.js';
import { authHeader } from '../support/tokens.js';
import { globalIdOf } from '../support/fixtures.js';
import { post } from '../support/http.js';

// Redis goes away and comes back (from a snapshot taken before an invalidation was lost): the
// API keeps answering, uncached, and never serves what was cached before the outage.

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { title } }`;
const NEW_TITLE = 'US troops will leave Niger by September';

const prefix = uniquePrefix('cache_failure');
const logs: string[] = [];
let redis: PrivateRedis;
let database: Awaited<ReturnType<typeof postgresDatabase>>;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
  database = await postgresDatabase('depeche_shared');
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, RESPONSE_CACHE: 'on' };
  a = await startTestServer(env, { logger: pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) }) });
  b = await startTestServer(env);
  for (const server of [a, b]) await post(server.url, { query: '{ locales { code } }' });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
  await redis?.dispose();
});

const read = (server: TestServer) =>
  post<{ article: { title: string } }>(server.url, { query: ARTICLE, variables: { slug: SLUG } }, { 'accept-language': 'en' });

describe('Redis down', () => {
  it('answers uncached and stays ready; back from an old snapshot, serves nothing cached before, then caches again', async () => {
    const before = await read(a);
    expect(before.cache).toBe('MISS');
    expect((await read(a)).cache).toBe('HIT');
    const oldTitle = before.body.data!.article.title;

    // The entry and the generation it was keyed with are on disk; then Redis dies.
    await redis.save();
    await redis.stop();

    const during = await read(a);
    expect(during.status).toBe(200);
    expect(during).toMatchObject({ cache: 'BYPASS', body: { data: { article: { title: oldTitle } } } });
    expect(during.headers.get('cache-control')).toBe('max-age=60, public');
    expect((await fetch(`${a.origin}/ready`)).status).toBe(200);
    await expect.poll(() => logs.some((l) => l.includes('redis unavailable; serving uncached'))).toBe(true);

    // A commit through B while its invalidation cannot reach Redis.
    const id = globalIdOf('Article', (await b.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } })).id);
    const { version } = await b.prisma.article.findUniqueOrThrow({ where: { slug: SLUG }, select: { version: true } });
    const committed = await post(
      b.url,
      {
        query: `mutation($id: ID!, $v: Int!, $input: ArticleTranslationInput!) { upsertArticleTranslation(id: $id, expectedVersion: $v, locale: EN, input: $input) { title } }`,
        variables: { id, v: version, input: { title: NEW_TITLE, body: [{ kind: 'TEXT', text: 'Updated.' }], origin: 'HUMAN' } },
      },
      { ...(await authHeader(b, 'EDITOR')), 'accept-language': 'en' },
    );
    expect(committed.body).toEqual({ data: { upsertArticleTranslation: { title: NEW_TITLE } } });
    expect((await read(a)).body.data!.article.title).toBe(NEW_TITLE);

    // Redis comes back with the old generation and the old entry under it.
    await redis.start();
    expect((await keysUnder(redis.url, prefix)).some((k) => k.startsWith(`${prefix}cache:fqc:`))).toBe(true);
    const restored = Number(await redisGet(redis.url, `${prefix}cache:generation`));
    // B lands its lost invalidation by itself, with no request to either process.
    await expect.poll(async () => Number(await redisGet(redis.url, `${prefix}cache:generation`)), { timeout: 15_000, interval: 250 }).toBeGreaterThan(restored);

    // Until A has reconnected it bypasses; from then on it caches again. Never the old title.
    const seen: string[] = [];
    await expect
      .poll(
        async () => {
          const answer = await read(a);
          seen.push(`${answer.cache} ${answer.body.data!.article.title}`);
          return answer.cache;
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe('HIT');
    expect(seen.filter((s) => !s.endsWith(NEW_TITLE))).toEqual([]);
    expect((await read(b)).body.data!.article.title).toBe(NEW_TITLE);
  });
});
