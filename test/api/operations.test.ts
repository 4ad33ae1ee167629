import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, onPostgres } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Black-box HTTP checks of what operators and browsers see, with Node's fetch. */

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) => fetch(server.origin + path, { headers });

function post(server: TestServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('health and readiness', () => {
  it('GET /health answers 200 {status: ok}', async () => {
    const res = await get(server, '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready answers 200 {status: ready} while the database answers', async () => {
    const res = await get(server, '/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });
});

describe('when the database is gone', () => {
  // A server of its own: closing its database must not break the other tests.
  let broken: TestServer;
  beforeAll(async () => {
    broken = await startTestServer();
    const [{ name }] = await broken.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    await broken.running.db.close();
    // On PostgreSQL, db.close() is Prisma's $disconnect, after which the next query silently opens
    // a new pool: refuse connections too, so the database is really gone as it is on PGlite.
    if (onPostgres) await admin((c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`));
  });
  afterAll(() => broken?.close());

  it('/ready answers 503 while /health stays 200', async () => {
    const ready = await get(broken, '/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable' });
    const health = await get(broken, '/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['French by default', {}, (id: string) => `Le service est momentanément indisponible, réessayez dans un instant (référence : ${id}).`],
    [
      'English for Accept-Language: en',
      { 'accept-language': 'en' },
      (id: string) => `The service is temporarily unavailable, try again in a moment (reference: ${id}).`,
    ],
  ])('a query fails with SERVICE_UNAVAILABLE naming the request id, in %s', async (_lang, headers, expected) => {
    const res = await post(broken, 'query ($slug: String) { article(slug: $slug) { title } }', { slug: SLUG }, headers);
    const requestId = res.headers.get('x-request-id')!;
    expect(requestId).toMatch(UUID);
    const text = await res.text();
    const body = JSON.parse(text) as GraphQLBody;
    expect(body.data).toEqual({ article: null });
    expect(body.errors).toEqual([
      { message: expected(requestId), locations: [{ line: 1, column: 25 }], path: ['article'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
    // Nothing of the failure itself leaks: no SQL, Prisma or database message, no stack.
    expect(text).not.toMatch(/select|prisma|pglite|postgres|closed|stacktrace|\bat \S+ \(/i);
  });
});

describe('request ids', () => {
  it('echoes a safe x-request-id', async () => {
    const res = await get(server, '/health', { 'x-request-id': 'abc-123' });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('replaces an unsafe x-request-id with a fresh UUID', async () => {
    const res = await get(server, '/health', { 'x-request-id': 'abc 123 <script>' });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('names the echoed id in GraphQL responses too', async () => {
    const res = await post(server, '{ __typename }', {}, { 'x-request-id': 'req.42_b' });
    expect(res.headers.get('x-request-id')).toBe('req.42_b');
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the Sandbox landing page', () => {
  it('is served to a browser at GET /graphql outside production', async () => {
    const res = await get(server, '/graphql', { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.trim()).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('embeddable-sandbox');
  });
});

describe('CORS', () => {
  it('allows any origin by default', async () => {
    const res = await post(server, '{ __typename }', {}, { origin: 'https://anywhere.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  describe('with CORS_ORIGINS set', () => {
    let restricted: TestServer;
    beforeAll(async () => {
      restricted = await startTestServer({ CORS_ORIGINS: 'https://news.example' });
    });
    afterAll(() => restricted?.close());

    it('allows a listed origin', async () => {
      const res = await post(restricted, '{ __typename }', {}, { origin: 'https://news.example' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://news.example');
    });

    it('does not allow another origin', async () => {
      const res = await post(restricted, '{ __typename }', {}, { origin: 'https://evil.example' });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a preflight from a listed origin only', async () => {
      const preflight = (origin: string) =>
        fetch(restricted.url, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      const allowed = await preflight('https://news.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      const refused = await preflight('https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('GraphQL errors about the query itself', () => {
  it('rejects a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await post(server, '{ articles { edges ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphQLBody;
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('rejects an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post(server, '{ articles { nope } }');
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphQLBody;
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(body.errors![0]!.message).toContain('nope');
  });
});

describe('page size', () => {
  const ARTICLES = 'query ($first: Int) { articles(first: $first) { edges { node { id } } } }';

  it.each([
    [0, 'in French by default', {}, '« first » doit être compris entre 1 et 100 (reçu : 0).'],
    [101, 'in French by default', {}, '« first » doit être compris entre 1 et 100 (reçu : 101).'],
    [0, 'in English for Accept-Language: en', { 'accept-language': 'en' }, '"first" must be between 1 and 100 (got 0).'],
    [101, 'in English for Accept-Language: en', { 'accept-language': 'en' }, '"first" must be between 1 and 100 (got 101).'],
  ])('first: %i is refused as BAD_USER_INPUT on "first", %s, before anything runs', async (first, _lang, headers: Record<string, string>, message) => {
    const res = await post(server, ARTICLES, { first }, headers);
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphQLBody;
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ message, path: ['articles'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    expect(body.errors![0]!.message).toContain(headers['accept-language'] ? 'must be between 1 and 100' : 'doit être compris entre 1 et 100');
  });

  it.each([1, 100])('first: %i is accepted', async (first) => {
    const res = await post(server, ARTICLES, { first });
    expect(res.status).toBe(200);
    const body = (await res.json()) as GraphQLBody;
    expect(body.errors).toBeUndefined();
    const { edges } = body.data!.articles as { edges: unknown[] };
    expect(edges.length).toBeGreaterThanOrEqual(1);
    expect(edges.length).toBeLessThanOrEqual(first);
  });
});
