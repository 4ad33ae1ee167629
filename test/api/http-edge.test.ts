import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/server/errors.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

/** What a browser, a CDN or curl sees at the HTTP level, whatever the GraphQL inside. */
const ANONYMOUS = 3;
let ipCounter = 0;
/** A client address of its own (TEST-NET-3), believed because the server trusts the loopback proxy. */
const freshIp = () => `203.0.113.${++ipCounter}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_ANONYMOUS: String(ANONYMOUS), RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: 'loopback', RESPONSE_CACHE: 'on' });
});
afterAll(() => server?.close());

const json = { 'content-type': 'application/json' };

/** Requests refused before any GraphQL runs, each as a client would send it, with the code it gets. */
const REFUSALS: { what: string; code: ErrorCode; status: number; send: (headers: Record<string, string>) => Promise<Response> }[] = [
  {
    what: 'a body that is not JSON',
    code: 'BAD_REQUEST',
    status: 400,
    send: (h) => fetch(server.url, { method: 'POST', headers: { ...json, ...h }, body: '{ "query": ' }),
  },
  {
    what: 'a body over 1 MB',
    code: 'BAD_REQUEST',
    status: 413,
    send: (h) =>
      fetch(server.url, {
        method: 'POST',
        headers: { ...json, ...h },
        body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(1_100_000) } }),
      }),
  },
  {
    what: 'a GET without a CSRF preflight header',
    code: 'BAD_REQUEST',
    status: 400,
    send: (h) => fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: h }),
  },
  {
    what: 'a query over the character limit',
    code: 'QUERY_TOO_COMPLEX',
    status: 400,
    send: (h) => fetch(server.url, { method: 'POST', headers: { ...json, ...h }, body: JSON.stringify({ query: `{ __typename ${' '.repeat(20_001)}}` }) }),
  },
  {
    what: 'an unknown token',
    code: 'UNAUTHENTICATED',
    status: 401,
    send: (h) =>
      fetch(server.url, { method: 'POST', headers: { ...json, authorization: 'Bearer nope', ...h }, body: JSON.stringify({ query: '{ __typename }' }) }),
  },
];

describe('refused requests', () => {
  it.each(REFUSALS)('$what count against the rate limit', async ({ send, status }) => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < ANONYMOUS; i++) statuses.push((await send({ 'x-forwarded-for': ip })).status);
    expect(statuses).toEqual(Array(ANONYMOUS).fill(status));
    const next = await fetch(server.url, { method: 'POST', headers: { ...json, 'x-forwarded-for': ip }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(next.status).toBe(429);
    // Once over budget, even junk is refused as over budget: nothing else gets read.
    expect((await send({ 'x-forwarded-for': ip })).status).toBe(429);
  });

  it.each(REFUSALS)('$what: the status of its code in ERROR_CODES (413 the body parser’s), no-store, a JSON error', async ({ send, code, status }) => {
    const res = await send({ 'x-forwarded-for': freshIp() });
    expect(res.status).toBe(status);
    if (status !== 413) expect(ERROR_CODES[code].status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe(code);
  });

  it('answers 429 with no-store, Retry-After and the RateLimit fields', async () => {
    const ip = freshIp();
    for (let i = 0; i < ANONYMOUS; i++) await REFUSALS[0]!.send({ 'x-forwarded-for': ip });
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { ...json, 'x-forwarded-for': ip, 'accept-language': 'en' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(ERROR_CODES.RATE_LIMITED.status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.message).toMatch(/^Too many requests: try again in \d+ s\.$/);
  });
});

describe('Cache-Control on error answers', () => {
  it('marks a parse failure and a GraphQL error inside a 200 no-store, an editor’s error too', async () => {
    const send = (query: string, headers: Record<string, string> = {}) =>
      fetch(server.url, { method: 'POST', headers: { ...json, 'x-forwarded-for': freshIp(), ...headers }, body: JSON.stringify({ query }) });
    const parse = await send('{ articles(');
    expect(parse.status).toBe(400);
    expect(parse.headers.get('cache-control')).toBe('no-store');
    const inside = await send('{ search(query: "   ") { totalCount } }');
    expect(inside.status).toBe(200);
    expect(((await inside.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    expect(inside.headers.get('cache-control')).toBe('no-store');
    const editor = await send('mutation { publishArticle(id: "QXJ0aWNsZTo5OTk5", expectedVersion: 1) { id } }', await authHeader(server));
    expect(((await editor.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    expect(editor.headers.get('cache-control')).toMatch(/no-store/);
    // A good anonymous answer stays cacheable: the rule is about errors only.
    const good = await send('{ articles(first: 1) { totalCount } }');
    expect(good.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });
});

describe('CORS', () => {
  it('lets a page on another origin read the request id, the rate-limit fields, Retry-After and x-cache', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { ...json, origin: 'https://app.example', 'x-forwarded-for': freshIp() },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toEqual([
      'x-request-id',
      'retry-after',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-cache',
    ]);
  });
});

describe('paths other than /graphql', () => {
  it('answers GET / with JSON saying where the API is', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ name: 'Dépêche', graphql: '/graphql', health: '/health' });
  });

  it.each([
    ['fr', '/nope', "Rien ici : l'API est à l'adresse /graphql (envoyez une requête GraphQL en JSON par POST)."],
    ['en', '/graphql/extra', 'Nothing here: the API is at /graphql (POST a GraphQL request as JSON).'],
    ['en', '/favicon.ico', 'Nothing here: the API is at /graphql (POST a GraphQL request as JSON).'],
  ])('answers an unknown path with a JSON 404 in the caller’s language (%s, %s), never HTML', async (lang, path, message) => {
    const res = await fetch(`${server.origin}${path}`, { headers: { 'accept-language': lang } });
    expect(res.status).toBe(ERROR_CODES.NOT_FOUND.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
  });

  it('answers a POST to an unknown path with the JSON 404 too', async () => {
    const res = await fetch(`${server.origin}/graphql/x`, { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });
});
