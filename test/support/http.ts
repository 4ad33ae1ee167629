import { createHash } from 'node:crypto';

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** `x-cache`: HIT, MISS or BYPASS (null when the response cache is off). */
  cache: string | null;
}

/** A POST to /graphql as any client sends it, with the response headers (graphql-request hides them). */
export async function post<T = Record<string, unknown>>(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as HttpAnswer<T>['body'], cache: res.headers.get('x-cache') };
}

/** A GET to /graphql (what a CDN can cache); Apollo's CSRF protection wants a preflight header. */
export async function get<T = Record<string, unknown>>(url: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(u, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as HttpAnswer<T>['body'], cache: res.headers.get('x-cache') };
}

/** The automatic-persisted-query extension for `query`, as Apollo Client computes it. */
export const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } });
