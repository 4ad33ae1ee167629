import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

const QUERY = JSON.stringify({ query: '{ __typename }' });
const WINDOW_SECONDS = 2;
const ANONYMOUS = 3;
const EDITOR = 6;

let ipCounter = 0;
/** A client address of its own (TEST-NET-3), believed because the server trusts the loopback proxy. */
const freshIp = () => `203.0.113.${++ipCounter}`;

async function post(server: TestServer, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
  };
}

/** Sends `n` requests one after the other, returns their statuses. */
async function statuses(server: TestServer, n: number, headers: Record<string, string> = {}) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await post(server, headers)).status);
  return out;
}

describe('rate limiting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      RATE_LIMIT_ANONYMOUS: String(ANONYMOUS),
      RATE_LIMIT_EDITOR: String(EDITOR),
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => server?.close());

  it('answers an anonymous client over its budget with 429, Retry-After and RATE_LIMITED in its language', async () => {
    const ip = freshIp();
    const first = await post(server, { 'x-forwarded-for': ip });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe(String(ANONYMOUS));
    expect(first.headers.get('ratelimit-remaining')).toBe(String(ANONYMOUS - 1));
    expect(await statuses(server, ANONYMOUS - 1, { 'x-forwarded-for': ip })).toEqual([200, 200]);

    const fr = await post(server, { 'x-forwarded-for': ip });
    expect(fr.status).toBe(429);
    const retryAfter = Number(fr.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(fr.headers.get('ratelimit-remaining')).toBe('0');
    expect(fr.body.data).toBeUndefined();
    expect(fr.body.errors).toHaveLength(1);
    expect(fr.body.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter });
    expect(fr.body.errors![0]!.message).toBe(`Trop de requêtes : réessayez dans ${retryAfter} s.`);

    const en = await post(server, { 'x-forwarded-for': ip, 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(429);
    expect(en.body.errors![0]!.message).toMatch(/^Too many requests: try again in \d s\.$/);
  });

  it('counts two client addresses separately', async () => {
    const [a, b] = [freshIp(), freshIp()];
    expect(await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': a })).toEqual([200, 200, 200, 429]);
    expect(await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': b })).toEqual([200, 200, 200, 429]);
  });

  it('gives each editor token its own, larger budget, whatever the address', async () => {
    const ip = freshIp();
    const [alice, bob] = [await authHeader(server, 'EDITOR'), await authHeader(server, 'ADMIN')];
    expect(await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': ip })).toEqual([200, 200, 200, 429]);
    const aliceStatuses = await statuses(server, EDITOR + 1, { 'x-forwarded-for': ip, ...alice });
    expect(aliceStatuses).toEqual([...Array(EDITOR).fill(200), 429]);
    expect(await statuses(server, 1, { 'x-forwarded-for': ip, ...bob })).toEqual([200]);
    expect((await post(server, { 'x-forwarded-for': ip, ...bob })).headers.get('ratelimit-limit')).toBe(String(EDITOR));
  });

  it('gives a reader token an anonymous-sized budget of its own', async () => {
    const ip = freshIp();
    const reader = await authHeader(server, 'READER');
    expect(await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': ip, ...reader })).toEqual([200, 200, 200, 429]);
    expect(await statuses(server, 1, { 'x-forwarded-for': ip })).toEqual([200]);
  });

  it('counts refused tokens against the address', async () => {
    const ip = freshIp();
    const bad = { 'x-forwarded-for': ip, authorization: 'Bearer dpc_not-a-token' };
    expect(await statuses(server, ANONYMOUS + 1, bad)).toEqual([401, 401, 401, 429]);
    expect(await statuses(server, 1, { 'x-forwarded-for': ip })).toEqual([429]);
  });

  it('lets the client in again once the window is over', async () => {
    const ip = freshIp();
    expect(await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': ip })).toEqual([200, 200, 200, 429]);
    const retryAfter = Number((await post(server, { 'x-forwarded-for': ip })).headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect(await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': ip })).toEqual([200, 200, 200, 429]);
  });

  it('never limits /health and /ready', async () => {
    const ip = freshIp();
    await statuses(server, ANONYMOUS + 1, { 'x-forwarded-for': ip });
    for (let i = 0; i < ANONYMOUS + 2; i++) {
      expect((await fetch(`${server.origin}/health`, { headers: { 'x-forwarded-for': ip } })).status).toBe(200);
      expect((await fetch(`${server.origin}/ready`, { headers: { 'x-forwarded-for': ip } })).status).toBe(200);
    }
  });
});

describe('rate limiting without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_ANONYMOUS: String(ANONYMOUS), RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => server?.close());

  it('ignores X-Forwarded-For: a client cannot pick a fresh address per request', async () => {
    const spoofed = Array.from({ length: ANONYMOUS + 1 }, () => ({ 'x-forwarded-for': freshIp() }));
    const got: number[] = [];
    for (const headers of spoofed) got.push((await post(server, headers)).status);
    expect(got).toEqual([200, 200, 200, 429]);
  });
});
