import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { postgresDatabase } from '../support/postgres.js';
import { deleteKeysUnder, keysUnder, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { authHeader } from '../support/tokens.js';
import { globalIdOf } from '../support/fixtures.js';
import { persisted, post } from '../support/http.js';

// Two API processes (two servers, two caches of their own) on one PostgreSQL database and one
// Redis, as behind a load balancer: what one process caches or registers, the other sees; what
// one commits, neither serves stale.

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { title locale } }`;
type ArticleAnswer = { article: { title: string; locale: string } | null };

const prefix = uniquePrefix('shared_cache');
let database: Awaited<ReturnType<typeof postgresDatabase>>;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  database = await postgresDatabase('depeche_shared');
  const env = { DATABASE_URL: database.url, REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: prefix, RESPONSE_CACHE: 'on' };
  a = await startTestServer(env);
  b = await startTestServer(env);
  // A process trusts Redis only after bumping the generation itself (at its first cacheable
  // request after start or reconnection, see src/cache/generation.ts): let both do it now.
  for (const server of [a, b]) expect((await post(server.url, { query: '{ locales { code } }' })).cache).toBe('MISS');
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
  await deleteKeysUnder(testRedisUrl, prefix);
});

const read = (server: TestServer, lang: string) => post<ArticleAnswer>(server.url, { query: ARTICLE, variables: { slug: SLUG } }, { 'accept-language': lang });

describe('two processes, one Redis', () => {
  it('share cached answers, and a commit through B is never followed by a stale answer from A', async () => {
    const first = await read(a, 'en');
    expect(first.cache).toBe('MISS');
    const hit = await a.countStatements(() => read(a, 'en'));
    expect(hit.result.cache).toBe('HIT');
    expect(hit.statements).toBe(0);
    // B never ran this query: the entry is in Redis, under this deployment's prefix.
    const onB = await b.countStatements(() => read(b, 'en'));
    expect(onB.result).toMatchObject({ cache: 'HIT', body: first.body });
    expect(onB.statements).toBe(0);
    expect((await keysUnder(testRedisUrl, prefix)).some((k) => k.startsWith(`${prefix}cache:fqc:`))).toBe(true);

    const { version } = await b.prisma.article.findUniqueOrThrow({ where: { slug: SLUG }, select: { version: true } });
    const editor = b.client(await authHeader(b, 'EDITOR'));
    await editor.request(
      `mutation($id: ID!, $v: Int!, $input: ArticleTranslationInput!) { upsertArticleTranslation(id: $id, expectedVersion: $v, locale: EN, input: $input) { version } }`,
      {
        id: globalIdOf('Article', (await b.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } })).id),
        v: version,
        input: { title: 'Washington agrees to pull its troops out of Niger', body: [{ kind: 'TEXT', text: 'Updated.' }], origin: 'HUMAN' },
      },
    );

    const after = await read(a, 'en');
    expect(after.body.data!.article!.title).toBe('Washington agrees to pull its troops out of Niger');
    expect(after.cache).toBe('MISS');
    expect((await read(a, 'en')).body.data!.article!.title).toBe('Washington agrees to pull its troops out of Niger');
    expect((await read(b, 'en')).body.data!.article!.title).toBe('Washington agrees to pull its troops out of Niger');
  });

  it('a query registered on A by hash and text is usable on B by its hash alone', async () => {
    const query = `query Registered { article(slug: "${SLUG}") { title sourceLocale } }`;
    const extensions = persisted(query);
    const notYet = await post(b.url, { extensions });
    expect(notYet.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(a.url, { query, extensions }, { 'accept-language': 'fr' });
    expect(registered.body.errors).toBeUndefined();
    // Apollo stores the query after answering; give the write its round trip.
    await expect.poll(async () => (await post(b.url, { extensions }, { 'accept-language': 'fr' })).body, { timeout: 5_000 }).toEqual(registered.body);
  });
});
