import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the receiver got it. */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers a request with: a status (and headers), or no answer at all. */
type Answer = { status: number; headers?: Record<string, string> } | 'hold';

export interface Receiver {
  /** http://127.0.0.1:<port>/hook */
  url: string;
  received: Received[];
  /** Decides each answer; default 204. */
  answer: (request: Received) => Answer;
  /** Stops listening (connections are refused) until `listen()`. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  listen(): Promise<void>;
  /** Resolves once `check(received)` holds. */
  until(check: (received: Received[]) => boolean, what: string, withinMs?: number): Promise<void>;
}

/** A real HTTP endpoint on loopback that records every request (node:http, as a partner's receiver). */
export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const held = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      receiver.received.push(request);
      const answer = receiver.answer(request);
      if (answer === 'hold') return void held.add(res);
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}${path}`,
    received: [],
    answer: () => ({ status: 204 }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    listen,
    async until(check, what, withinMs = 30_000) {
      const started = Date.now();
      while (!check(receiver.received)) {
        if (Date.now() - started > withinMs) throw new Error(`receiver: ${what}, not within ${withinMs} ms (got ${receiver.received.length} requests)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  return receiver;
}

/** The JSON body of a webhook request. */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: { eventId: string; articleId: string; slug: string; locale: string | null };
}

export const payloadOf = (r: Received) => JSON.parse(r.body) as WebhookPayload;
