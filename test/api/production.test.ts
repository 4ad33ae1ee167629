import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

/** What a client sees of a server started with NODE_ENV=production. */

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const INTROSPECTION = getIntrospectionQuery();

async function post(server: TestServer, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Body };
}

/** Log lines the server writes from now on (JSON objects), instead of stdout. */
function captureLogs(server: TestServer): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const stream = (server.running.logger as unknown as Record<symbol, { write: (s: string) => boolean }>)[pino.symbols.streamSym]!;
  stream.write = (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) > 0;
  return lines;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ NODE_ENV: 'production', CORS_ORIGINS: 'https://news.example,https://app.news.example', LOG_LEVEL: 'error' });
});
afterAll(() => server?.close());

describe('unexpected errors', () => {
  it('reach the client as INTERNAL_SERVER_ERROR with the request id, no SQL and no stack; the log has the details', async () => {
    const logs = captureLogs(server);
    // A table gone from under the server: Prisma fails with a message naming it and the SQL.
    await server.prisma.$executeRawUnsafe('ALTER TABLE "Quote" RENAME TO "QuoteAway"');
    try {
      const { res, text, body } = await post(server, `{ article(slug: "${SLUG}") { title quotes { text } } }`, { 'accept-language': 'en' });
      const requestId = res.headers.get('x-request-id')!;
      expect(requestId).toMatch(UUID);
      expect(res.status).toBe(200);
      expect(body.errors).toEqual([
        // The article page reads its quotes in the same statement as the article: the whole field fails.
        {
          message: `Internal server error (reference: ${requestId}).`,
          locations: [{ line: 1, column: 3 }],
          path: ['article'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(text).not.toMatch(/select|from|QuoteAway|"Quote"|prisma|pglite|postgres|relation|stacktrace|exception|\bat \S+ \(/i);
      const logged = logs.find((l) => l.msg === 'unexpected error');
      expect(logged).toMatchObject({ level: 50, requestId, path: ['article'] });
      expect(JSON.stringify(logged)).toMatch(/Quote/);
    } finally {
      await server.prisma.$executeRawUnsafe('ALTER TABLE "QuoteAway" RENAME TO "Quote"');
    }
  });

  it('errors about the query carry no stack trace and no "Did you mean" naming the schema', async () => {
    const { res, body } = await post(server, '{ articls { totalCount } }');
    expect(res.status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toBe('Cannot query field "articls" on type "Query".');
    expect(body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('a body that is not JSON gets a JSON error, not an HTML page with a stack', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: "Le corps de la requête n'est pas du JSON valide.", extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('introspection (INTROSPECTION defaults to editors in production)', () => {
  it('is refused to anonymous readers with UNAUTHENTICATED, HTTP 401, in their language', async () => {
    const { res, body } = await post(server, INTROSPECTION, { 'accept-language': 'en' });
    expect(res.status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      { message: 'Authentication required: send the Authorization: Bearer <token> header.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    const type = await post(server, '{ __type(name: "Article") { fields { name } } }');
    expect(type.res.status).toBe(401);
  });

  it('is refused to a reader token with FORBIDDEN, HTTP 403', async () => {
    const { res, body } = await post(server, INTROSPECTION, await authHeader(server, 'READER'));
    expect(res.status).toBe(403);
    expect(body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('is open to editors, as Apollo Sandbox needs it', async () => {
    const { res, body } = await post(server, INTROSPECTION, await authHeader(server, 'EDITOR'));
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data!.__schema as { queryType: { name: string } }).queryType.name).toBe('Query');
  });

  it('leaves ordinary reads and __typename open to everyone', async () => {
    const { res, body } = await post(server, `{ __typename article(slug: "${SLUG}") { __typename title } }`);
    expect(res.status).toBe(200);
    expect(body.data).toMatchObject({ __typename: 'Query', article: { __typename: 'Article' } });
  });
});

describe('landing page', () => {
  it("is Apollo's production page, without Sandbox", async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.trim()).toMatch(/^<!DOCTYPE html>/i);
    // The page's settings, URL-encoded JSON: the production page, which embeds no Sandbox.
    expect(decodeURIComponent(/window\.landingPage = "([^"]*)"/.exec(html)![1]!)).toBe('{"isProd":true,"footer":false}');
  });
});

describe('CORS allow-list', () => {
  const preflight = (origin: string) =>
    fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it.each(['https://news.example', 'https://app.news.example'])('allows the listed origin %s, preflight included', async (origin) => {
    const { res } = await post(server, '{ __typename }', { origin });
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    const pre = await preflight(origin);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  it.each(['https://evil.example', 'https://news.example.evil.example', 'http://news.example', 'null'])('does not allow %s', async (origin) => {
    const { res } = await post(server, '{ __typename }', { origin });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(origin);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('INTROSPECTION=off and LANDING_PAGE=off', () => {
  let closed: TestServer;
  beforeAll(async () => {
    closed = await startTestServer({ NODE_ENV: 'production', INTROSPECTION: 'off', LANDING_PAGE: 'off' });
  });
  afterAll(() => closed?.close());

  it('refuse introspection even to editors, before anything runs', async () => {
    const { res, body } = await post(closed, INTROSPECTION, await authHeader(closed, 'EDITOR'));
    expect(res.status).toBe(400);
    expect(body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' });
    expect(body.errors![0]!.message).toMatch(/introspection/i);
  });

  it('serve no landing page to a browser', async () => {
    const res = await fetch(closed.url, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/<html/i);
  });
});
