import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLClient, gql } from 'graphql-request';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createToken } from '../../src/auth/token.service.js';
import { postgresDatabase, type PostgresDatabase } from '../support/postgres.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

/**
 * Webhooks across processes, on PostgreSQL whatever TEST_DB says (PGlite is one process):
 * `node dist/src/main.js` killed with SIGKILL after the commit and before the delivery
 * succeeded, then restarted; and two server processes on one database sending each event once.
 */

const CREATE_WEBHOOK = gql`mutation ($url: String!) { createWebhook(url: $url, events: [ARTICLE_PUBLISHED]) { webhook { id } } }`;
const CREATE = gql`mutation ($title: String!) { createArticle(input: { sourceLocale: FR, title: $title, body: [{ kind: TEXT, text: "Texte." }] }) { id version } }`;
const PUBLISH = gql`mutation ($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { id version } }`;
// Short timeouts make the lease of a killed process's claim (timeout + 5 s) end soon.
const SETTINGS = {
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOKS_POLL_MS: '20',
  WEBHOOKS_RETRY_BASE_MS: '20',
  WEBHOOKS_RETRY_MAX_MS: '200',
  WEBHOOKS_TIMEOUT_MS: '2000',
};

let db: PostgresDatabase;
let handle: Database;
let admin: string;
let editor: string;
let receiver: Receiver;
const children: ChildServer[] = [];

beforeAll(async () => {
  db = await postgresDatabase('depeche_webhooks');
  handle = await openDatabase({ databaseUrl: db.url, dataDir: '', dbPoolSize: 2, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
  admin = `Bearer ${(await createToken(handle.prisma, 'webhooks-admin', 'ADMIN')).secret}`;
  editor = `Bearer ${(await createToken(handle.prisma, 'webhooks-editor', 'EDITOR')).secret}`;
  receiver = await startReceiver();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill()));
  receiver.received.length = 0;
  receiver.answer = () => ({ status: 204 });
  await handle.prisma.webhookEndpoint.deleteMany();
});
afterAll(async () => {
  await receiver?.close();
  await handle?.close();
  await db?.drop();
});

async function start(): Promise<ChildServer> {
  const child = await spawnServer({ DATABASE_URL: db.url, SEED_ON_START: 'always', ...SETTINGS });
  children.push(child);
  return child;
}

const as = (child: ChildServer, authorization: string) => new GraphQLClient(child.url, { headers: { authorization } });

async function publishNew(child: ChildServer, title: string): Promise<string> {
  const client = as(child, editor);
  const { createArticle } = await client.request<{ createArticle: { id: string; version: number } }>(CREATE, { title });
  await client.request(PUBLISH, { id: createArticle.id, v: createArticle.version });
  return createArticle.id;
}

describe('a server killed with SIGKILL between the commit and the delivery', () => {
  it('delivers the event after a restart, with the same id', async () => {
    const first = await start();
    await as(first, admin).request(CREATE_WEBHOOK, { url: receiver.url });
    // The receiver takes the request and never answers: the delivery is in flight when the process dies.
    receiver.answer = () => 'hold';
    const articleId = await publishNew(first, 'Tuée avant la livraison');
    await receiver.until((r) => r.length === 1, 'the first attempt');
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const [pending] = await handle.prisma.webhookDelivery.findMany();
    expect(pending).toMatchObject({ attempts: 1, deliveredAt: null, failedAt: null });

    receiver.answer = () => ({ status: 204 });
    await start();
    await receiver.until((r) => r.length === 2, 'the event sent again by the restarted server');
    const [held, sent] = receiver.received;
    expect(sent!.headers['webhook-id']).toBe(held!.headers['webhook-id']);
    expect(JSON.parse(sent!.body)).toMatchObject({ type: 'article.published', data: { articleId, locale: 'FR' } });
    for (;;) {
      const [row] = await handle.prisma.webhookDelivery.findMany();
      if (row!.deliveredAt) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});

describe('SIGTERM while a delivery is in flight', () => {
  it('cuts the request, leaves the delivery due for any process (not an attempt), and exits 0', async () => {
    const first = await start();
    await as(first, admin).request(CREATE_WEBHOOK, { url: receiver.url });
    receiver.answer = () => 'hold';
    await publishNew(first, 'Arrêt pendant la livraison');
    await receiver.until((r) => r.length === 1, 'the first attempt');
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const [pending] = await handle.prisma.webhookDelivery.findMany();
    expect(pending).toMatchObject({ attempts: 0, deliveredAt: null, failedAt: null });
    expect(await handle.prisma.webhookAttempt.count()).toBe(0);
  });
});

describe('two server processes on one PostgreSQL database', () => {
  it('deliver each event once', async () => {
    const servers = [await start(), await start()];
    await as(servers[0]!, admin).request(CREATE_WEBHOOK, { url: receiver.url });
    const articles = 12;
    // Writes through both processes at once: each wakes its own worker, both poll for the rest.
    await Promise.all(Array.from({ length: articles }, (_, i) => publishNew(servers[i % 2]!, `Deux processus ${i}`)));
    await receiver.until((r) => r.length >= articles, `${articles} events`);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(articles);
    // One attempt per delivery: no event was claimed by both processes.
    for (;;) {
      if ((await handle.prisma.webhookDelivery.count({ where: { deliveredAt: { not: null } } })) === articles) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await handle.prisma.webhookAttempt.count()).toBe(articles);
    expect(receiver.received).toHaveLength(articles);
  });
});
