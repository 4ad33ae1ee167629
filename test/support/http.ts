import { createHash } from 'node:crypto';
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One POST on a connection of its own (no keep-alive agent): behind node:cluster each connection
 * may land on another worker, which is what the cluster tests look at.
 */
export function postOnNewConnection(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** `x-cache`: HIT, MISS or BYPASS (null when the response cache is off). */
  cache: string | null;
}

/** A POST to /graphql as any client sends it, with the response headers (graphql-request hides them). */
export async function post<T = Record<string, unknown>>(
  url: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as HttpAnswer<T>['body'], cache: res.headers.get('x-cache') };
}

/** A GET to /graphql (what a CDN can cache); Apollo's CSRF protection wants a preflight header. */
export async function get<T = Record<string, unknown>>(
  url: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(u, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as HttpAnswer<T>['body'], cache: res.headers.get('x-cache') };
}

/** The automatic-persisted-query extension for `query`, as Apollo Client computes it. */
export const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } });
