import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nigerUsTroops } from '../../src/seed/data/afp-2024-04-niger-us-troops.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle } from '../support/fixtures.js';
import { ninjsErrors } from '../../src/formats/ninjs-schema.js';

// biome-ignore lint/suspicious/noExplicitAny: the bodies are ninjs items and JSON errors, read freely
type Body = any;
const SLUG = nigerUsTroops.article.slug;
let server: TestServer;
const RATE_LIMIT = 30;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_ANONYMOUS: String(RATE_LIMIT), RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: 'loopback' });
});
afterAll(() => server?.close());

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;
// node:http rather than fetch: fetch adds Cache-Control: no-cache to a conditional request, as
// its spec says, and a server must then answer in full: no 304 could be seen.
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Headers; body: Body }>((resolve, reject) => {
    const req = http.get(`${server.origin}${path}`, { headers: { 'x-forwarded-for': freshIp(), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        const all = new Headers(Object.entries(res.headers).map(([k, v]) => [k, String(v)] as [string, string]));
        resolve({ status: res.statusCode!, headers: all, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
  });

describe('GET /ninjs/articles/{slug}', () => {
  it('gives the published article as the ninjs item GraphQL gives, in the language asked', async () => {
    const en = await get(`/ninjs/articles/${SLUG}?lang=en`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ninjsErrors(en.body)).toEqual([]);
    expect([en.body.language, en.body.headlines[0].value]).toEqual(['en', nigerUsTroops.article.en.title]);
    const fr = await get(`/ninjs/articles/${SLUG}`, { 'accept-language': 'fr' });
    expect([fr.body.language, fr.body.uri]).toEqual(['fr', en.body.uri]);
    const viaGraphql = await server.client().request<{ article: { ninjs: Body } }>(`{ article(slug: "${SLUG}") { ninjs(locale: EN) } }`);
    expect(en.body).toEqual(viaGraphql.article.ninjs);
  });

  it('is cacheable: ETag, If-None-Match answered 304 without a body, Cache-Control, Vary on the language', async () => {
    const first = await get(`/ninjs/articles/${SLUG}?lang=fr`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('vary')).toMatch(/Accept-Language/);
    const again = await get(`/ninjs/articles/${SLUG}?lang=fr`, { 'if-none-match': etag! });
    expect([again.status, again.body]).toEqual([304, null]);
    const otherLanguage = await get(`/ninjs/articles/${SLUG}?lang=en`, { 'if-none-match': etag! });
    expect(otherLanguage.status).toBe(200);
  });

  it('answers unknown slugs, drafts and bad languages with JSON errors in the language asked, never cached', async () => {
    const draft = await createArticle(server.prisma, { titles: { FR: 'Brouillon' }, status: 'DRAFT' });
    for (const slug of ['no-such-article', draft.slug]) {
      const fr = await get(`/ninjs/articles/${slug}?lang=fr`);
      expect(fr.status).toBe(404);
      expect(fr.headers.get('cache-control')).toBe('no-store');
      expect(fr.body).toEqual({ errors: [{ message: `Aucun article publié n'a le slug « ${slug} ».`, extensions: { code: 'NOT_FOUND', argument: 'slug' } }] });
      const en = await get(`/ninjs/articles/${slug}`, { 'accept-language': 'en' });
      expect(en.body.errors[0].message).toBe(`No published article has the slug "${slug}".`);
    }
    const bad = await get(`/ninjs/articles/${SLUG}?lang=de`, { 'accept-language': 'en' });
    expect([bad.status, bad.body.errors[0].message, bad.body.errors[0].extensions]).toEqual([
      400,
      '"lang" must be fr or en (got "de").',
      { code: 'BAD_USER_INPUT', argument: 'lang' },
    ]);
  });
});

describe('GET /ninjs/articles', () => {
  it('pages through the published articles newest first, with a next link, each item valid', async () => {
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await createArticle(server.prisma, { titles: { EN: `Feed ${i}` }, publishedAt: new Date(Date.UTC(2025, 0, 10 + i)) }));
    const first = await get('/ninjs/articles?lang=en&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: Body) => i.headlines[0].value)).toEqual(['Feed 2', 'Feed 1']);
    for (const item of first.body.items) expect(ninjsErrors(item)).toEqual([]);
    expect(first.body.next).toMatch(/^\/ninjs\/articles\?lang=en&limit=2&cursor=/);
    expect(first.headers.get('link')).toBe(`<${first.body.next}>; rel="next"`);
    const second = await get(first.body.next);
    expect(second.body.items.map((i: Body) => i.headlines[0].value)).toEqual(['Feed 0', 'US agrees to withdraw troops from Niger']);
    expect(second.body.next).toBeNull();
    const since = await get('/ninjs/articles?lang=fr&since=2025-01-11T00:00:00Z');
    expect(since.body.items.map((i: Body) => [i.language, i.headlines[0].value])).toEqual([
      ['en', 'Feed 2'],
      ['en', 'Feed 1'],
    ]);
  });

  it('refuses a bad limit, since or cursor with BAD_USER_INPUT naming it, in French or English', async () => {
    const limit = await get('/ninjs/articles?limit=500', { 'accept-language': 'fr' });
    expect([limit.status, limit.body.errors[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', argument: 'limit' }]);
    expect(limit.body.errors[0].message).toBe('« limit » doit être compris entre 1 et 100 (reçu : 500).');
    const since = await get('/ninjs/articles?since=yesterday&lang=en');
    expect([since.status, since.body.errors[0].message]).toEqual([400, '"since" must be a date and time such as 2024-04-01T00:00:00Z (got "yesterday").']);
    const cursor = await get('/ninjs/articles?cursor=nonsense&lang=en');
    expect([cursor.status, cursor.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('counts against the same rate limit as GraphQL, and answers 429 with Retry-After in the language asked', async () => {
    const ip = freshIp();
    for (let i = 0; i < RATE_LIMIT; i++) expect((await get(`/ninjs/articles/${SLUG}`, { 'x-forwarded-for': ip })).status).toBe(200);
    const over = await get(`/ninjs/articles/${SLUG}?lang=en`, { 'x-forwarded-for': ip });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(over.body.errors[0].message).toMatch(/^Too many requests/);
    const graphql = await fetch(`${server.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.status).toBe(429);
  });
});
