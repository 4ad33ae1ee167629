import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { gql, type GraphQLClient } from 'graphql-request';
import WebSocket from 'ws';
import { createToken } from '../../src/auth/token.service.js';
import { openDatabase } from '../../src/db/database.js';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { create, update, upsert, publishTranslation, PUBLISH, paragraphs, type ArticleData } from '../support/articles-api.js';
import { liveClient, whenListening, wsUrl, type LiveClient } from '../support/live-client.js';
import { postgresDatabase, seedPostgres, type PostgresDatabase } from '../support/postgres.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { deleteKeysUnder, testRedisUrl, uniquePrefix } from '../support/redis.js';

/**
 * Live updates as an app receives them: a real graphql-ws client on the server's /graphql, the
 * changes made by an editor's real mutations over HTTP.
 */

const LIVE_ARTICLE = 'id title locale isFallback availableLocales dateLabel mentions { count entity { name } }';

interface LiveArticle {
  id: string;
  title: string;
  locale: string;
  isFallback: boolean;
  availableLocales: string[];
}

const PUBLISHED = `subscription ($locale: Locale) { articlePublished(locale: $locale) { ${LIVE_ARTICLE} } }`;
const UPDATED = `subscription ($id: ID!, $locale: Locale) { articleUpdated(id: $id, locale: $locale) { ${LIVE_ARTICLE} } }`;
const QUEUE = `subscription ($locale: Locale!) { translationQueueChanged(locale: $locale) { id title state: translationState(locale: $locale) } }`;
const UNPUBLISH = gql`mutation ($id: ID!, $v: Int!) { unpublishArticle(id: $id, expectedVersion: $v) { version } }`;

const publish = (editor: GraphQLClient, id: string, v: number) =>
  editor.request<{ publishArticle: ArticleData }>(PUBLISH, { id, v }).then((d) => d.publishArticle);

/**
 * Publishes a new article (an event every subscriber of articlePublished hears, and nothing else
 * does): publishing an article already published changes nothing readers see, and tells no one.
 */
async function publishAnother(editor: GraphQLClient) {
  const poke = await create(editor, { sourceLocale: 'FR', title: 'Sonde', body: paragraphs(1) }, 'FR');
  await publish(editor, poke.id, poke.version);
}

/** A French-only draft: an English reader reads it in French. */
const frenchDraft = (editor: GraphQLClient, title: string) =>
  create(editor, { sourceLocale: 'FR', title, lede: 'Chapô.', body: paragraphs(2), agency: 'AFP' }, 'FR');

const ofArticle = (id: string) => (r: { data?: { [field: string]: LiveArticle } | null }) => Object.values(r.data ?? {})[0]?.id === id;
const titles = (results: { data?: { [field: string]: LiveArticle } | null }[], id: string) =>
  results.filter(ofArticle(id)).map((r) => Object.values(r.data!)[0]!.title);

describe('subscriptions over graphql-ws, one server', () => {
  let server: TestServer;
  let editor: GraphQLClient;
  let editorToken: string;
  let readerToken: string;
  const clients: LiveClient[] = [];
  const open = (params: Record<string, unknown> = {}) => {
    const c = liveClient(server.url, params);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const headers = await authHeader(server, 'EDITOR');
    editorToken = headers.authorization!;
    readerToken = (await authHeader(server, 'READER')).authorization!;
    editor = server.client(headers);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.close();
  });

  it('sends a published article to readers in their language: an English reader of a French-only article gets it as a fallback', async () => {
    const fr = open().subscribe<{ articlePublished: LiveArticle }>(PUBLISHED);
    const en = open({ 'accept-language': 'en' }).subscribe<{ articlePublished: LiveArticle }>(PUBLISHED);
    const enByArgument = open().subscribe<{ articlePublished: LiveArticle }>(PUBLISHED, { locale: 'EN' });
    for (const sub of [fr, en, enByArgument]) await whenListening(sub, () => publishAnother(editor));

    const draft = await frenchDraft(editor, 'Niamey : les soldats américains plient bagage');
    await publish(editor, draft.id, draft.version);
    for (const sub of [fr, en, enByArgument]) await sub.until((r) => r.some(ofArticle(draft.id)));

    const [inFrench] = fr.results.filter(ofArticle(draft.id));
    expect(inFrench!.data!.articlePublished).toMatchObject({
      title: 'Niamey : les soldats américains plient bagage',
      locale: 'FR',
      isFallback: false,
      availableLocales: ['FR'],
    });
    for (const sub of [en, enByArgument]) {
      expect(sub.results.filter(ofArticle(draft.id)).map((r) => r.data!.articlePublished)).toEqual([
        expect.objectContaining({ title: 'Niamey : les soldats américains plient bagage', locale: 'FR', isFallback: true, availableLocales: ['FR'] }),
      ]);
    }
  });

  it('never sends a reader a draft: nothing while it is a draft or unpublished, one event per publication and per public change, nothing for a change rolled back', async () => {
    const reader = open({ authorization: readerToken });
    const draft = await frenchDraft(editor, 'Brouillon 1');
    const updated = reader.subscribe<{ articleUpdated: LiveArticle }>(UPDATED, { id: draft.id });
    const published = reader.subscribe<{ articlePublished: LiveArticle }>(PUBLISHED);
    const editorSide = open({ authorization: editorToken }).subscribe<{ articleUpdated: LiveArticle }>(UPDATED, { id: draft.id });
    await whenListening(published, () => publishAnother(editor));
    let v = draft.version;
    await whenListening(editorSide, async () => (v = (await update(editor, draft.id, v, { agency: `AFP ${v}` })).version));

    v = (await update(editor, draft.id, v, { title: 'Brouillon 2' })).version;
    v = (await publish(editor, draft.id, v)).version;
    v = (await update(editor, draft.id, v, { title: 'Public' })).version;
    // A change that rolls back (a stale version) is announced to no one.
    const stale = await graphqlErrors(update(editor, draft.id, v - 1, { title: 'Jamais' }));
    expect(stale.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    const { unpublishArticle } = await editor.request<{ unpublishArticle: { version: number } }>(UNPUBLISH, { id: draft.id, v });
    v = (await update(editor, draft.id, unpublishArticle.version, { title: 'Retiré' })).version;
    v = (await publish(editor, draft.id, v)).version;
    await update(editor, draft.id, v, { title: 'Final' });

    await updated.until((r) => titles(r, draft.id).includes('Final'));
    await published.until((r) => titles(r, draft.id).length === 2);
    await editorSide.until((r) => titles(r, draft.id).includes('Final'));
    expect(titles(updated.results, draft.id)).toEqual(['Public', 'Final']);
    expect(titles(published.results, draft.id)).toEqual(['Brouillon 2', 'Retiré']);
    expect(titles(editorSide.results, draft.id)).not.toContain('Jamais');
    // Editors follow drafts too: every change of the text, in order.
    expect(titles(editorSide.results, draft.id).filter((t) => !t.startsWith('Brouillon 1'))).toEqual(['Brouillon 2', 'Public', 'Retiré', 'Final']);
  });

  it('sends a change of one language version only to the readers who read that version', async () => {
    const draft = await frenchDraft(editor, 'Version française');
    let v = (await publish(editor, draft.id, draft.version)).version;
    const fr = open().subscribe<{ articleUpdated: LiveArticle }>(UPDATED, { id: draft.id, locale: 'FR' });
    const en = open().subscribe<{ articleUpdated: LiveArticle }>(UPDATED, { id: draft.id, locale: 'EN' });
    for (const sub of [fr, en]) await whenListening(sub, async () => (v = (await update(editor, draft.id, v, { agency: `AFP ${v}` })).version));

    // The English version is written, then published: English readers now read it; French readers see no change.
    v = (await upsert(editor, draft.id, v, 'EN', { title: 'English version', body: paragraphs(1, 'Paragraph.'), origin: 'HUMAN' })).version;
    v = (await publishTranslation(editor, draft.id, v, 'EN')).version;
    await update(editor, draft.id, v, { title: 'Version française 2' });
    await fr.until((r) => titles(r, draft.id).includes('Version française 2'));
    await en.until((r) => titles(r, draft.id).includes('English version'));
    expect(titles(fr.results, draft.id).filter((t) => t !== 'Version française')).toEqual(['Version française 2']);
    const enEvent = en.results.filter(ofArticle(draft.id)).find((r) => r.data!.articleUpdated.title === 'English version')!;
    expect(enEvent.data!.articleUpdated).toMatchObject({ locale: 'EN', isFallback: false });
    expect([...enEvent.data!.articleUpdated.availableLocales].sort()).toEqual(['EN', 'FR']);
  });

  it('refuses translationQueueChanged to readers and anonymous clients, in their language; editors follow the queue', async () => {
    const asReader = open({ authorization: readerToken, 'accept-language': 'en' }).subscribe(QUEUE, { locale: 'EN' });
    const anonymousFr = open().subscribe(QUEUE, { locale: 'FR' });
    await Promise.all([asReader.ended, anonymousFr.ended]);
    expect(asReader.results).toEqual([
      { errors: [expect.objectContaining({ message: 'You are not allowed to perform this operation.', extensions: { code: 'FORBIDDEN' } })] },
    ]);
    expect(anonymousFr.results[0]!.errors).toEqual([
      expect.objectContaining({
        message: 'Authentification requise : envoyez « authorization »: « Bearer <jeton> » dans le payload de connection_init.',
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ]);

    const draft = await frenchDraft(editor, 'File de traduction');
    let v = draft.version;
    const queue = open({ authorization: editorToken }).subscribe<{ translationQueueChanged: { id: string; title: string; state: string } }>(QUEUE, {
      locale: 'EN',
    });
    const translate = async (title: string) =>
      (v = (await upsert(editor, draft.id, v, 'EN', { title, body: paragraphs(1, 'Paragraph.'), origin: 'HUMAN' })).version);
    await whenListening(queue, () => translate(`Translation ${v}`));
    // The source is edited: the English translation is OUTDATED, back in the queue.
    await update(editor, draft.id, v, { title: 'Source révisée' });
    await queue.until((r) => r.some((e) => e.data?.translationQueueChanged.state === 'OUTDATED'));
    const states = queue.results.map((e) => e.data!.translationQueueChanged);
    expect(states.filter((s) => s.state === 'OUTDATED')).toEqual([{ id: draft.id, title: expect.stringMatching(/^Translation/), state: 'OUTDATED' }]);
    expect(states.filter((s) => s.state !== 'OUTDATED').every((s) => s.state === 'CURRENT')).toBe(true);
  });

  it('refuses an unknown token at connection_init: the socket closes with 4403 and a reason in the language asked for', async () => {
    const c = open({ authorization: 'Bearer not-a-token', 'accept-language': 'en' });
    expect(await c.closed).toEqual({ code: 4403, reason: 'Unknown, revoked or malformed access token.' });
    const fr = open({ authorization: 'Bearer not-a-token' });
    expect(await fr.closed).toEqual({ code: 4403, reason: "Jeton d'accès inconnu, révoqué ou mal formé." });
  });

  it('applies the query limits of queries over HTTP: too deep a subscription is refused before it starts', async () => {
    const deep = `subscription { articlePublished { mentions { entity { articles { edges { node { mentions { entity { articles { edges { node { mentions { entity { name } } } } } } } } } } } } } }`;
    const sub = open({ 'accept-language': 'en' }).subscribe(deep);
    await sub.ended;
    expect(sub.refusal).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('12'),
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 14 },
      }),
    ]);
    const query = open().subscribe('{ articles(first: 1) { totalCount } }');
    await query.ended;
    expect(query.refusal).toEqual([
      expect.objectContaining({
        extensions: { code: 'BAD_REQUEST' },
        message: 'Seuls les abonnements passent par WebSocket : envoyez requêtes et mutations à POST /graphql.',
      }),
    ]);
  });
});

describe('subscription limits and shutdown', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', LIVE_MAX_CONNECTIONS_PER_IP: '2' });
  });
  afterAll(() => server?.close());

  /** A raw WebSocket upgrade: the HTTP status and body when the server refuses it. */
  const upgrade = () =>
    new Promise<{ status: number; body: unknown } | 'open'>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(server.url), 'graphql-transport-ws', { headers: { 'accept-language': 'en' } });
      ws.once('open', () => {
        ws.close();
        resolve('open');
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(body) }));
      });
      ws.once('error', (err) => (err.message.includes('Unexpected server response') ? undefined : reject(err)));
    });

  it('refuses a third subscription on one connection, and a third connection from one IP', async () => {
    const a = liveClient(server.url, { 'accept-language': 'en' });
    const b = liveClient(server.url);
    try {
      const subs = [a.subscribe(PUBLISHED), a.subscribe(PUBLISHED), a.subscribe(PUBLISHED)];
      await subs[2]!.ended;
      expect(subs.map((s) => s.refusal)).toEqual([
        null,
        null,
        [
          expect.objectContaining({
            message: 'At most 2 subscriptions at once on one connection: complete one before starting another.',
            extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max: 2 },
          }),
        ],
      ]);
      // Completing one frees its place.
      subs[0]!.stop();
      const again = a.subscribe(PUBLISHED);
      await whenListening(again, async () => {
        const editor = server.client(await authHeader(server, 'EDITOR'));
        await publishAnother(editor);
      });
      expect(again.refusal).toBe(null);

      await b.connected;
      expect(await upgrade()).toEqual({
        status: 429,
        body: {
          errors: [
            { message: 'At most 2 live-update connections at once from one address: close one first.', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max: 2 } },
          ],
        },
      });
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
    await Promise.all([a.closed, b.closed]);
    expect(await upgrade()).toBe('open');
  });

  it('closes open sockets with 1001 (going away) when the server shuts down', async () => {
    const c = liveClient(server.url);
    const sub = c.subscribe(PUBLISHED);
    await c.connected;
    await server.close();
    expect(await c.closed).toEqual({ code: 1001, reason: 'Going away' });
    await sub.ended;
    server = undefined as never;
  });
});

describe('two server processes sharing Redis', () => {
  const prefix = uniquePrefix('live');
  let db: PostgresDatabase;
  let a: ChildServer;
  let b: ChildServer;
  let editorToken: string;

  beforeAll(async () => {
    db = await postgresDatabase('depeche_live');
    await seedPostgres(db.url);
    const handle = await openDatabase({ databaseUrl: db.url, dataDir: '', dbPoolSize: 1, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
    try {
      editorToken = `Bearer ${(await createToken(handle.prisma, 'live-editor', 'EDITOR')).secret}`;
    } finally {
      await handle.close();
    }
    const env = { DATABASE_URL: db.url, REDIS_URL: testRedisUrl, REDIS_KEY_PREFIX: prefix, SEED_ON_START: 'never' };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await deleteKeysUnder(testRedisUrl, prefix);
    await db?.drop();
  });

  it('sends a client of process B what an editor published through process A; SIGTERM closes it with 1001 and exits 0', async () => {
    const { GraphQLClient } = await import('graphql-request');
    const editorOnA = new GraphQLClient(a.url, { headers: { authorization: editorToken } });
    const onB = liveClient(b.url, { 'accept-language': 'en' });
    const sub = onB.subscribe<{ articlePublished: LiveArticle }>(PUBLISHED);
    await whenListening(sub, () => publishAnother(editorOnA));

    const draft = await frenchDraft(editorOnA, 'Publié par A, lu sur B');
    await publish(editorOnA, draft.id, draft.version);
    await sub.until((r) => r.some(ofArticle(draft.id)));
    expect(sub.results.filter(ofArticle(draft.id)).map((r) => r.data!.articlePublished)).toEqual([
      expect.objectContaining({ title: 'Publié par A, lu sur B', locale: 'FR', isFallback: true }),
    ]);

    b.process.kill('SIGTERM');
    expect(await onB.closed).toEqual({ code: 1001, reason: 'Going away' });
    expect(await b.exited).toBe(0);
  });
});

describe('the session printed in README.md "Live updates"', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  /** The ```frames block: `→` frames the client sends, `←` frames it receives, in order. */
  const printed = () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const block = /^## Live updates$[\s\S]*?^```frames\n([\s\S]*?)^```$/m.exec(readme)![1]!;
    return block
      .trim()
      .split('\n')
      .map((line) => ({ sent: line.startsWith('→'), frame: JSON.parse(line.slice(2)) as Record<string, unknown> }));
  };

  it('sends and receives exactly the frames printed, while an editor publishes over HTTP', async () => {
    const frames = printed();
    const editor = server.client(await authHeader(server, 'EDITOR'));
    const ws = new WebSocket(wsUrl(server.url), 'graphql-transport-ws');
    const received: unknown[] = [];
    let arrived: () => void = () => {};
    ws.on('message', (data: Buffer) => {
      received.push(JSON.parse(data.toString()));
      arrived();
    });
    const nextFrame = async (n: number) => {
      while (received.length <= n) await new Promise<void>((resolve) => (arrived = resolve));
      return received[n];
    };
    await new Promise((resolve) => ws.once('open', resolve));
    try {
      let got = 0;
      for (const [i, { sent, frame }] of frames.entries()) {
        if (sent) {
          ws.send(JSON.stringify(frame));
          continue;
        }
        // The printed event is the article the editor publishes once the other subscription ended.
        if (frame.type === 'next' && (frame.payload as { data?: unknown }).data && frames[i - 1]?.frame.type === 'complete') {
          const draft = await create(editor, {
            sourceLocale: 'FR',
            title: 'Niamey : les derniers soldats américains sont partis',
            body: paragraphs(1, 'Texte.'),
          });
          await publish(editor, draft.id, draft.version);
        }
        expect(await nextFrame(got++)).toEqual(frame);
      }
    } finally {
      ws.close();
    }
  });
});
