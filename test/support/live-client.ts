import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What the client was sent for one subscription: each `next` payload, then `error` or `complete`. */
export interface LiveSubscription<T> {
  /** `next` payloads so far (data and/or errors), in order. */
  results: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** The `error` message's errors, if the server refused the subscription. */
  refusal: { message: string; extensions?: Record<string, unknown> }[] | null;
  /** Resolves once the server completed or refused it. */
  ended: Promise<void>;
  /** Resolves once `check` holds of the results (rejects after `withinMs`). */
  until(check: (results: LiveSubscription<T>['results']) => boolean, withinMs?: number): Promise<void>;
  /** Completes it from the client side. */
  stop(): void;
}

export interface LiveClient {
  client: Client;
  /** The close event once the socket closed (code and reason as the server sent them). */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the server acknowledged `connection_init`. */
  connected: Promise<void>;
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  dispose(): Promise<void>;
}

export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/**
 * A graphql-ws client as Apollo Client's GraphQLWsLink opens it (`ws` as the WebSocket), on the
 * server's /graphql, sending `connectionParams` in `connection_init`. No retries: a test sees
 * every close.
 */
export function liveClient(httpUrl: string, connectionParams: Record<string, unknown> = {}): LiveClient {
  let onClosed: (e: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  let onConnected: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: {
      connected: () => onConnected(),
      closed: (e) => onClosed({ code: (e as { code: number; reason: unknown }).code, reason: String((e as { code: number; reason: unknown }).reason) }),
    },
    // The client's own error on a close it did not ask for: the test reads the close event instead.
    onNonLazyError: () => {},
  });
  return {
    client,
    closed,
    connected,
    subscribe<T>(query: string, variables?: Record<string, unknown>): LiveSubscription<T> {
      const sub: LiveSubscription<T> = {
        results: [],
        refusal: null,
        ended: Promise.resolve(),
        until: () => Promise.resolve(),
        stop: () => {},
      };
      const waiters = new Set<() => void>();
      const changed = () => {
        for (const w of waiters) w();
      };
      let end: () => void = () => {};
      sub.ended = new Promise<void>((resolve) => (end = resolve));
      sub.stop = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            sub.results.push(result as LiveSubscription<T>['results'][number]);
            changed();
          },
          error: (err) => {
            sub.refusal = Array.isArray(err) ? (err as never) : [{ message: String((err as Error).message ?? err) }];
            end();
            changed();
          },
          complete: () => {
            end();
            changed();
          },
        },
      );
      sub.until = (check, withinMs = 20_000) =>
        new Promise<void>((resolve, reject) => {
          const attempt = () => {
            if (!check(sub.results)) return;
            waiters.delete(attempt);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            waiters.delete(attempt);
            reject(new Error(`subscription: condition not met within ${withinMs} ms; got ${JSON.stringify(sub.results)}`));
          }, withinMs);
          waiters.add(attempt);
          attempt();
        });
      return sub;
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/**
 * Resolves once the subscription hears what `poke` causes, poking again each second: the server
 * starts listening a moment after `subscribe` is sent, and the protocol has no acknowledgement of
 * it. Assertions after this count only events caused later.
 */
export async function whenListening<T>(sub: LiveSubscription<T>, poke: () => Promise<unknown>, attempts = 30): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const before = sub.results.length;
    await poke();
    try {
      await sub.until((r) => r.length > before, 1_000);
      return;
    } catch {
      // not listening yet: poke again
    }
  }
  throw new Error(`subscription never heard its poke: ${JSON.stringify(sub.results)}; refused: ${JSON.stringify(sub.refusal)}`);
}
