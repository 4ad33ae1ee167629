import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, post } from '../support/http.js';
import { authHeader } from '../support/tokens.js';
import { globalIdOf } from '../support/fixtures.js';
import { ANSWER_CACHE } from '../../src/cache/answer-cache.js';

// A response-cache hit answered from stored bytes in front of Apollo (src/cache/answer-cache.ts):
// the same answer and headers, no SQL, Apollo's pipeline not entered; and never a stale, private
// or refused answer. Two processes sharing Redis: test/api/shared-cache.test.ts.

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const ARTICLE = 'query Article($slug: String!) { article(slug: $slug) { title locale dateLabel } }';
type ArticleAnswer = { article: { title: string; locale: string; dateLabel: string } };

let server: TestServer;
let limited: TestServer;
const read = (lang: string, headers: Record<string, string> = {}) =>
  post<ArticleAnswer>(server.url, { query: ARTICLE, variables: { slug: SLUG } }, { 'accept-language': lang, ...headers });

/** What the request cost: answered from bytes or passed to Apollo, and SQL statements. */
async function cost<T>(fn: () => Promise<T>) {
  const before = { ...ANSWER_CACHE };
  const { result, statements } = await server.countStatements(fn);
  return { result, statements, hits: ANSWER_CACHE.hits - before.hits, passed: ANSWER_CACHE.passed - before.passed };
}

beforeAll(async () => {
  server = await startTestServer({ RESPONSE_CACHE: 'on' });
  limited = await startTestServer({ RESPONSE_CACHE: 'on', RATE_LIMIT_ANONYMOUS: '3', TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  await server?.close();
  await limited?.close();
});

describe('a cache hit answered from bytes', () => {
  it('is the same answer with the same headers, with no SQL and without entering Apollo', async () => {
    const miss = await cost(() => read('en'));
    expect(miss).toMatchObject({ hits: 0, passed: 1 });
    expect(miss.result.cache).toBe('MISS');
    expect(miss.statements).toBeGreaterThan(0);
    const hit = await cost(() => read('en'));
    expect(hit).toMatchObject({ hits: 1, passed: 0, statements: 0 });
    expect(hit.result.status).toBe(200);
    expect(hit.result.cache).toBe('HIT');
    expect(hit.result.body).toEqual(miss.result.body);
    expect(hit.result.body.data!.article.locale).toBe('EN');
    for (const header of ['content-type', 'cache-control', 'vary']) expect(hit.result.headers.get(header)).toBe(miss.result.headers.get(header));
    expect(hit.result.headers.get('cache-control')).toBe('max-age=60, public');
    expect(hit.result.headers.get('vary')).toMatch(/Accept-Language.*Authorization/);
    expect(Number(hit.result.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(hit.result.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
  });

  it('is kept per language, and per operation and variables', async () => {
    expect((await cost(() => read('en'))).hits).toBe(1);
    const french = await cost(() => read('fr'));
    expect(french).toMatchObject({ hits: 0, passed: 1 });
    expect(french.result.body.data!.article.locale).toBe('FR');
    expect((await cost(() => read('fr'))).result.body).toEqual(french.result.body);
    const other = await cost(() => post(server.url, { query: ARTICLE, variables: { slug: 'no-such-article' } }, { 'accept-language': 'fr' }));
    expect(other).toMatchObject({ hits: 0, passed: 1 });
    expect(other.result.body).toEqual({ data: { article: null } });
  });

  it('serves GET with a preflight header (the entry of the same POST), and leaves a GET without one to Apollo (CSRF prevention)', async () => {
    const params = { query: ARTICLE, variables: { slug: SLUG } };
    const hit = await cost(() => get(server.url, params, { 'accept-language': 'en' }));
    expect(hit).toMatchObject({ hits: 1, statements: 0 });
    expect(hit.result.cache).toBe('HIT');
    const u = new URL(server.url);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const before = ANSWER_CACHE.hits;
    const simple = await fetch(u, { headers: { 'accept-language': 'en' } });
    expect(simple.status).toBe(400);
    expect(ANSWER_CACHE.hits).toBe(before);
  });

  it('never answers a request with a token', async () => {
    await read('en');
    const editor = await authHeader(server, 'EDITOR');
    const withToken = await cost(() => read('en', editor));
    expect(withToken).toMatchObject({ hits: 0, passed: 0 });
    expect(withToken.result.cache).toBe('BYPASS');
    expect(withToken.result.headers.get('cache-control')).toBe('private, no-store');
    const wrongToken = await cost(() => read('en', { authorization: 'Bearer nope' }));
    expect(wrongToken.hits).toBe(0);
    expect(wrongToken.result.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it("never serves an answer from before an editor's change", async () => {
    expect((await read('en')).cache).toBe('HIT');
    const { id, version } = await server.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } });
    const editor = server.client(await authHeader(server, 'EDITOR'));
    await editor.request(
      'mutation($id: ID!, $v: Int!, $input: ArticleTranslationInput!) { upsertArticleTranslation(id: $id, expectedVersion: $v, locale: EN, input: $input) { version } }',
      {
        id: globalIdOf('Article', id),
        v: version,
        input: { title: 'Washington agrees to leave Niger', body: [{ kind: 'TEXT', text: 'Updated.' }], origin: 'HUMAN' },
      },
    );
    const after = await cost(() => read('en'));
    expect(after).toMatchObject({ hits: 0, passed: 1 });
    expect(after.result.cache).toBe('MISS');
    expect(after.result.body.data!.article.title).toBe('Washington agrees to leave Niger');
    expect((await cost(() => read('en'))).hits).toBe(1);
  });

  it('does not store answers with errors', async () => {
    const body = { query: '{ a: article(slug: "x", id: "y") { title } }' };
    for (let i = 0; i < 2; i++) {
      const answer = await cost(() => post(server.url, body));
      expect(answer).toMatchObject({ hits: 0, passed: 1 });
      expect(answer.result.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  it('still counts every hit against the rate limit, and refuses over it with 429 in the caller language', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.7', 'accept-language': 'fr' };
    const send = () => post(limited.url, { query: ARTICLE, variables: { slug: SLUG } }, headers);
    const answers = [await send(), await send(), await send()];
    expect(answers.map((a) => a.cache)).toEqual(['MISS', 'HIT', 'HIT']);
    expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(refused.body.errors![0]!.message).toMatch(/^Trop de requêtes/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
