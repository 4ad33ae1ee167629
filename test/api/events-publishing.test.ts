import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { create, paragraphs, publishTranslation, update, upsert, PUBLISH, type ArticleData } from '../support/articles-api.js';
import { liveClient, whenListening, type LiveClient, type LiveSubscription } from '../support/live-client.js';
import { payloadOf, startReceiver, type Receiver } from '../support/webhook-receiver.js';

/**
 * Per-language publishing and embargoes as apps (graphql-ws) and partners (webhooks) are told of
 * them: a language version is announced when readers can read it, not when it is written, and a
 * scheduled release at its instant, not before and not at scheduling. One account of each change
 * for both (src/events/article-events.ts).
 */

const FAST = { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_POLL_MS: '50', WEBHOOKS_RETRY_BASE_MS: '20', WEBHOOKS_RETRY_MAX_MS: '200' };
const REGISTER = gql`mutation ($url: String!, $events: [WebhookEventType!]!) { createWebhook(url: $url, events: $events) { webhook { id } } }`;
const PENDING = gql`query ($id: ID!) { webhook(id: $id) { pendingDeliveries } }`;
const SUBMIT = gql`mutation ($id: ID!, $v: Int!, $locale: Locale!) { submitArticleTranslation(id: $id, expectedVersion: $v, locale: $locale) { version } }`;
const SCHEDULE = gql`mutation ($id: ID!, $v: Int!, $at: DateTime!) { scheduleArticle(id: $id, expectedVersion: $v, at: $at) { version } }`;
const UNPUBLISH = gql`mutation ($id: ID!, $v: Int!) { unpublishArticle(id: $id, expectedVersion: $v) { version } }`;
const ALL_EVENTS = ['ARTICLE_PUBLISHED', 'ARTICLE_UPDATED', 'ARTICLE_UNPUBLISHED', 'TRANSLATION_PUBLISHED', 'TRANSLATION_OUTDATED'];

interface LiveArticle {
  id: string;
  title: string;
  locale: string;
  isFallback: boolean;
}
const FIELDS = 'id title locale isFallback';
const PUBLISHED = `subscription ($locale: Locale) { articlePublished(locale: $locale) { ${FIELDS} } }`;
const UPDATED = `subscription ($id: ID!, $locale: Locale) { articleUpdated(id: $id, locale: $locale) { ${FIELDS} } }`;

let server: TestServer;
let editor: GraphQLClient;
let admin: GraphQLClient;
let receiver: Receiver;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer(FAST);
  editor = server.client(await authHeader(server, 'EDITOR', 'Rédaction'));
  admin = server.client(await authHeader(server, 'ADMIN'));
  receiver = await startReceiver();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.close();
  await receiver?.close();
});

const reader = (params: Record<string, unknown> = {}) => {
  const c = liveClient(server.url, params);
  clients.push(c);
  return c;
};
const publish = (id: string, v: number) => editor.request<{ publishArticle: ArticleData }>(PUBLISH, { id, v }).then((d) => d.publishArticle);
const frenchArticle = (title: string) => create(editor, { sourceLocale: 'FR', title, body: paragraphs(1, 'Texte.') });
/** Publishes a new article: what articlePublished subscribers hear (the poke that tells a subscription listens). */
const publishAnother = async () => {
  const poke = await frenchArticle('Sonde');
  await publish(poke.id, poke.version);
};
const register = async (events = ALL_EVENTS) =>
  (await admin.request<{ createWebhook: { webhook: { id: string } } }>(REGISTER, { url: receiver.url, events })).createWebhook.webhook.id;
const pending = async (id: string) => (await admin.request<{ webhook: { pendingDeliveries: number } }>(PENDING, { id })).webhook.pendingDeliveries;
const remove = (id: string) => admin.request(gql`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id });
/** Waits (bounded) until every delivery of the endpoint due now went out: what the receiver got is then all there is. */
async function settled(id: string, expectedPending = 0) {
  for (let i = 0; i < 200 && (await pending(id)) > expectedPending; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await pending(id)).toBe(expectedPending);
}
const eventsOf = (articleId: string) =>
  receiver.received
    .map(payloadOf)
    .filter((p) => p.data.articleId === articleId)
    .map((p) => [p.type, p.data.locale]);
const liveTitles = (sub: LiveSubscription<Record<string, LiveArticle>>, id: string, from = 0) =>
  sub.results
    .slice(from)
    .map((r) => Object.values(r.data ?? {})[0])
    .filter((a) => a?.id === id)
    .map((a) => `${a!.locale} ${a!.title}`);

describe('a translation reviewed and published', () => {
  it('machine-made, reviewed, published: partners get one translation.published (EN) then, English readers the English then, nothing before', async () => {
    const fr = await frenchArticle('Niamey : le retrait commence');
    let v = (await publish(fr.id, fr.version)).version;
    const hook = await register();
    const published = reader({ 'accept-language': 'en' }).subscribe<Record<string, LiveArticle>>(PUBLISHED, { locale: 'EN' });
    const updated = reader().subscribe<Record<string, LiveArticle>>(UPDATED, { id: fr.id, locale: 'EN' });
    const editorSide = reader({ authorization: (await authHeader(server, 'EDITOR')).authorization }).subscribe<Record<string, LiveArticle>>(UPDATED, {
      id: fr.id,
      locale: 'EN',
    });
    await whenListening(published, publishAnother);
    for (const sub of [updated, editorSide]) await whenListening(sub, async () => (v = (await update(editor, fr.id, v, { agency: `AFP ${v}` })).version));
    await settled(hook);
    receiver.received.length = 0;
    const [fromPublished, fromUpdated, fromEditor] = [published, updated, editorSide].map((s) => s.results.length);

    // Written by a machine (a DRAFT), submitted: readers and partners hear nothing; editors follow it.
    v = (await upsert(editor, fr.id, v, 'EN', { title: 'Niamey: withdrawal begins', body: paragraphs(1, 'Text.'), origin: 'MACHINE' })).version;
    v = (await editor.request<{ submitArticleTranslation: { version: number } }>(SUBMIT, { id: fr.id, v, locale: 'EN' })).submitArticleTranslation.version;
    await editorSide.until(() => liveTitles(editorSide, fr.id, fromEditor).length === 2);
    expect(liveTitles(editorSide, fr.id, fromEditor)).toEqual(['EN Niamey: withdrawal begins', 'EN Niamey: withdrawal begins']);
    await settled(hook);
    expect(eventsOf(fr.id)).toEqual([]);
    expect(liveTitles(published, fr.id, fromPublished)).toEqual([]);
    expect(liveTitles(updated, fr.id, fromUpdated)).toEqual([]);

    // Reviewed and published: now.
    await publishTranslation(editor, fr.id, v, 'EN');
    await receiver.until((r) => r.length >= 1, 'translation.published');
    await published.until(() => liveTitles(published, fr.id, fromPublished).length > 0);
    await updated.until(() => liveTitles(updated, fr.id, fromUpdated).length > 0);
    await settled(hook);
    expect(eventsOf(fr.id)).toEqual([['translation.published', 'EN']]);
    expect(receiver.received).toHaveLength(1);
    expect(liveTitles(published, fr.id, fromPublished)).toEqual(['EN Niamey: withdrawal begins']);
    expect(liveTitles(updated, fr.id, fromUpdated)).toEqual(['EN Niamey: withdrawal begins']);
    await remove(hook);
  });

  it('a draft translation written is no webhook; its unpublication after publication is article.unpublished for that language only', async () => {
    const fr = await frenchArticle('Agadez : la base se vide');
    let v = (await publish(fr.id, fr.version)).version;
    const hook = await register();
    await settled(hook);
    receiver.received.length = 0;
    v = (await upsert(editor, fr.id, v, 'EN', { title: 'Agadez: the base empties', body: paragraphs(1, 'Text.'), origin: 'HUMAN' })).version;
    // The source edited after: the draft translation is OUTDATED, which is editors' business too.
    v = (await update(editor, fr.id, v, { lede: 'Un chapeau.' })).version;
    await receiver.until((r) => r.length >= 1, 'the update');
    await settled(hook);
    expect(eventsOf(fr.id)).toEqual([['article.updated', 'FR']]);

    receiver.received.length = 0;
    v = (await publishTranslation(editor, fr.id, v, 'EN')).version;
    await editor.request(gql`mutation ($id: ID!, $v: Int!) { unpublishArticleTranslation(id: $id, expectedVersion: $v, locale: EN) { version } }`, {
      id: fr.id,
      v,
    });
    await receiver.until((r) => r.length >= 2, 'published then unpublished');
    await settled(hook);
    expect(eventsOf(fr.id)).toEqual([
      ['translation.published', 'EN'],
      ['article.unpublished', 'EN'],
    ]);
    await remove(hook);
  });
});

describe('an embargo', () => {
  const inMs = (ms: number) => new Date(Date.now() + ms);
  const schedule = (id: string, v: number, at: Date) =>
    editor.request<{ scheduleArticle: { version: number } }>(SCHEDULE, { id, v, at: at.toISOString() }).then((d) => d.scheduleArticle.version);

  it('is announced at its instant: the webhook delivery and the live event arrive after it, not at scheduling; one rescheduled or unpublished before it, never', async () => {
    const hook = await register(['ARTICLE_PUBLISHED']);
    const sub = reader().subscribe<Record<string, LiveArticle>>(PUBLISHED);
    await whenListening(sub, publishAnother);
    await settled(hook);
    receiver.received.length = 0;
    const from = sub.results.length;

    const [released, moved, withdrawn] = await Promise.all(['Sous embargo', 'Reporté', 'Annulé'].map((t) => frenchArticle(t)));
    const at = inMs(2_000);
    await schedule(released!.id, released!.version, at);
    const movedV = await schedule(moved!.id, moved!.version, at);
    const withdrawnV = await schedule(withdrawn!.id, withdrawn!.version, at);
    // Before the instant: one moved an hour later, one unpublished.
    await schedule(moved!.id, movedV, inMs(3_600_000));
    await editor.request(UNPUBLISH, { id: withdrawn!.id, v: withdrawnV });

    const seen = () => ({ hooks: receiver.received.length, live: sub.results.length - from });
    // Nothing while the embargo runs (watched until shortly before its instant).
    for (let i = 0; i < 100 && Date.now() < at.getTime() - 300; i++) {
      expect(seen()).toEqual({ hooks: 0, live: 0 });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen()).toEqual({ hooks: 0, live: 0 });
    // Then both, for the released article only.
    await receiver.until((r) => r.length >= 1, 'the release');
    await sub.until((r) => r.length > from);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    await settled(hook, 1); // the moved one waits for its new instant
    expect(receiver.received.map(payloadOf).map((p) => [p.type, p.data.articleId, p.data.locale, p.timestamp])).toEqual([
      ['article.published', released!.id, 'FR', at.toISOString()],
    ]);
    expect(liveTitles(sub, released!.id, from)).toEqual(['FR Sous embargo']);
    // A moment more: nothing for the other two, in either path.
    await new Promise((r) => setTimeout(r, 500));
    expect(seen()).toEqual({ hooks: 1, live: 1 });
    await remove(hook);
  });

  it('released now by publishArticle: article.published now, and the event held for the instant is gone', async () => {
    const hook = await register(['ARTICLE_PUBLISHED']);
    await settled(hook);
    receiver.received.length = 0;
    const a = await frenchArticle('Levée anticipée');
    const v = await schedule(a.id, a.version, inMs(3_600_000));
    await settled(hook, 1);
    await publish(a.id, v);
    await receiver.until((r) => r.length >= 1, 'the release now');
    await settled(hook, 0);
    expect(eventsOf(a.id)).toEqual([['article.published', 'FR']]);
    await remove(hook);
  });
});
