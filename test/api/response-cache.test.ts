import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { globalIdOf } from '../support/fixtures.js';
import { get, persisted, post } from '../support/http.js';

// One process, no Redis: the in-process response cache, its headers, invalidation and APQ.

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const ARTICLE = `query Article($slug: String!, $locale: Locale) { article(slug: $slug, locale: $locale) { title locale dateLabel } }`;
type ArticleAnswer = { article: { title: string; locale: string; dateLabel: string } | null };

let server: TestServer;
let editorHeaders: Record<string, string>;
let id: string;

const read = (headers: Record<string, string> = {}, variables: Record<string, unknown> = { slug: SLUG }) =>
  post<ArticleAnswer>(server.url, { query: ARTICLE, variables }, headers);

beforeAll(async () => {
  server = await startTestServer({ RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL: '120' });
  editorHeaders = await authHeader(server, 'EDITOR');
  id = globalIdOf('Article', (await server.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } })).id);
});
afterAll(() => server?.close());

describe('anonymous reads', () => {
  it('are answered once from the database, then from the cache without SQL, with CDN headers', async () => {
    const variables = { slug: SLUG, locale: 'EN' };
    const first = await server.countStatements(() => read({}, variables));
    expect(first.result.cache).toBe('MISS');
    expect(first.statements).toBeGreaterThan(0);
    const second = await server.countStatements(() => read({}, variables));
    expect(second.result.cache).toBe('HIT');
    expect(second.statements).toBe(0);
    expect(second.result.body).toEqual(first.result.body);
    expect(second.result.body.data!.article!.title).toBe('US agrees to withdraw troops from Niger');
    for (const answer of [first.result, second.result]) {
      expect(answer.headers.get('cache-control')).toBe('max-age=120, public');
      expect(answer.headers.get('vary')).toMatch(/Accept-Language/);
      expect(answer.headers.get('vary')).toMatch(/Authorization/);
    }
    expect(Number(second.result.headers.get('age'))).toBeGreaterThanOrEqual(0);
  });

  it('are cached per negotiated language: Accept-Language, else the default, and the locale argument over both', async () => {
    const fr = await read({ 'accept-language': 'fr-FR,fr;q=0.9' }, { slug: SLUG });
    const en = await read({ 'accept-language': 'en-GB,en;q=0.8' }, { slug: SLUG });
    const none = await read({}, { slug: SLUG });
    expect(fr.body.data!.article!.locale).toBe('FR');
    expect(en.body.data!.article!.locale).toBe('EN');
    expect(en.body.data!.article!.dateLabel).toBe('April 2024');
    expect(fr.body.data!.article!.dateLabel).toBe('avril 2024');
    expect(none.body.data!.article!.locale).toBe('FR'); // DEFAULT_LOCALE
    // Each language has its own entry: asked again, each is a hit in its own language.
    expect(await read({ 'accept-language': 'en' }, { slug: SLUG })).toMatchObject({ cache: 'HIT', body: en.body });
    expect(await read({ 'accept-language': 'fr' }, { slug: SLUG })).toMatchObject({ cache: 'HIT', body: fr.body });
    // The argument wins over the header, and is part of the key.
    const argued = await read({ 'accept-language': 'en' }, { slug: SLUG, locale: 'FR' });
    expect(argued.body.data!.article!.locale).toBe('FR');
    expect(argued.body.data!.article!.dateLabel).toBe('avril 2024');
  });

  it('are cacheable by CDNs over GET, and GET and POST share an entry', async () => {
    const query = `{ article(slug: "${SLUG}", locale: EN) { title } }`;
    const viaGet = await get(server.url, { query });
    expect(viaGet.status).toBe(200);
    expect(viaGet.cache).toBe('MISS');
    expect(viaGet.headers.get('cache-control')).toBe('max-age=120, public');
    expect((await post(server.url, { query })).cache).toBe('HIT');
  });

  it('with errors are neither cached nor cacheable', async () => {
    // An error raised while executing (an article asked by id and slug at once), not one refused before.
    const bad = `{ article(slug: "${SLUG}") { title version translationState(locale: EN) } both: article(id: "QXJ0aWNsZTox", slug: "x") { title } }`;
    const first = await post(server.url, { query: bad });
    expect(first.body.errors?.length).toBeGreaterThan(0);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect((await post(server.url, { query: bad })).cache).toBe('MISS');
  });
});

describe('after a mutation', () => {
  it('no reader is ever served the answer cached before the commit', async () => {
    const variables = { slug: SLUG, locale: 'EN' };
    const before = await read({}, variables);
    expect((await read({}, variables)).cache).toBe('HIT');
    const feed = `{ articles(first: 5, locale: EN) { edges { node { title } } } }`;
    await post(server.url, { query: feed });
    expect((await post(server.url, { query: feed })).cache).toBe('HIT');

    const editor = server.client({ ...editorHeaders, 'accept-language': 'en' });
    const { version } = await server.prisma.article.findUniqueOrThrow({ where: { slug: SLUG }, select: { version: true } });
    const current = await server.prisma.articleTranslation.findFirstOrThrow({ where: { article: { slug: SLUG }, locale: 'EN' } });
    expect(current.title).toBe(before.body.data!.article!.title);
    await editor.request(
      `mutation($id: ID!, $v: Int!, $input: ArticleTranslationInput!) { upsertArticleTranslation(id: $id, expectedVersion: $v, locale: EN, input: $input) { version } }`,
      {
        id,
        v: version,
        input: {
          title: 'US troops to leave Niger, Washington confirms',
          lede: current.lede,
          body: [{ kind: 'TEXT', text: 'Washington confirmed it.' }],
          origin: 'HUMAN',
        },
      },
    );

    const after = await read({}, variables);
    expect(after.cache).toBe('MISS');
    expect(after.body.data!.article!.title).toBe('US troops to leave Niger, Washington confirms');
    expect((await read({}, variables)).body.data!.article!.title).toBe('US troops to leave Niger, Washington confirms');
    // Every entry is gone, not only the ones naming the article.
    const feedAfter = await post<{ articles: { edges: { node: { title: string } }[] } }>(server.url, { query: feed });
    expect(feedAfter.cache).toBe('MISS');
    expect(feedAfter.body.data!.articles.edges.map((e) => e.node.title)).toContain('US troops to leave Niger, Washington confirms');
  });

  it('that failed still invalidates (part of it may have committed); an anonymous one does not', async () => {
    const variables = { slug: SLUG, locale: 'FR' };
    await read({}, variables);
    expect((await read({}, variables)).cache).toBe('HIT');
    const stale = await post(
      server.url,
      { query: `mutation($id: ID!) { publishArticle(id: $id, expectedVersion: 999) { id } }`, variables: { id } },
      editorHeaders,
    );
    expect(stale.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect((await read({}, variables)).cache).toBe('MISS');

    expect((await read({}, variables)).cache).toBe('HIT');
    const anonymous = await post(server.url, { query: `mutation($id: ID!) { publishArticle(id: $id, expectedVersion: 999) { id } }`, variables: { id } });
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await read({}, variables)).cache).toBe('HIT');
  });

  it('mutations themselves are never cacheable', async () => {
    const answer = await post(
      server.url,
      { query: `mutation($id: ID!) { publishArticle(id: $id, expectedVersion: 999) { id } }`, variables: { id } },
      editorHeaders,
    );
    expect(answer.cache).toBe('BYPASS');
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await post(server.url, { query: `mutation($id: ID!) { publishArticle(id: $id, expectedVersion: 999) { id } }`, variables: { id } });
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });
});

describe('editors', () => {
  it('never read from nor write to the shared cache, and their answers are private', async () => {
    const editor = server.client(editorHeaders);
    const draft = await editor.request<{ createArticle: { slug: string } }>(
      `mutation { createArticle(input: { sourceLocale: FR, title: "Brouillon sur le Niger", body: [{ kind: TEXT, text: "Texte." }] }) { slug } }`,
    );
    const slug = draft.createArticle.slug;
    // Anonymous: no such article (a draft), cached.
    expect((await read({}, { slug })).body.data!.article).toBeNull();
    expect((await read({}, { slug })).cache).toBe('HIT');
    // The editor sees the draft, from the database, every time.
    for (let i = 0; i < 2; i++) {
      const { result, statements } = await server.countStatements(() => read(editorHeaders, { slug }));
      expect(result.body.data!.article!.title).toBe('Brouillon sur le Niger');
      expect(result.cache).toBe('BYPASS');
      expect(result.headers.get('cache-control')).toBe('private, no-store');
      expect(statements).toBeGreaterThan(0);
    }
    // And what they read did not land in the shared cache.
    expect((await read({}, { slug })).body.data!.article).toBeNull();
  });

  it('a reader token bypasses the cache too', async () => {
    const reader = await authHeader(server, 'READER');
    const answer = await read(reader, { slug: SLUG });
    expect(answer.cache).toBe('BYPASS');
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('automatic persisted queries', () => {
  it('a hash alone is refused until registered, then answers (and is cached like the text)', async () => {
    const query = `query Apq { article(slug: "${SLUG}", locale: EN) { title sourceLocale } }`;
    const extensions = persisted(query);
    const unknown = await post(server.url, { extensions });
    expect(unknown.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post<{ article: { title: string } }>(server.url, { query, extensions });
    expect(registered.body.data!.article.title).toBeTruthy();
    const byHash = await post(server.url, { extensions });
    expect(byHash.body).toEqual(registered.body);
    expect(byHash.cache).toBe('HIT');
    // Over GET, as a CDN would see it: a short URL.
    const viaGet = await get(server.url, { extensions });
    expect(viaGet.body).toEqual(registered.body);
    expect(viaGet.headers.get('cache-control')).toBe('max-age=120, public');
  });
});

describe('RESPONSE_CACHE=off', () => {
  it('answers every request from the database, and tells CDNs not to store', async () => {
    const off = await startTestServer({ RESPONSE_CACHE: 'off' });
    try {
      for (let i = 0; i < 2; i++) {
        const { result, statements } = await off.countStatements(() => post(off.url, { query: ARTICLE, variables: { slug: SLUG } }));
        expect(statements).toBeGreaterThan(0);
        expect(result.cache).toBeNull();
        expect(result.headers.get('cache-control')).toBe('no-store');
      }
    } finally {
      await off.close();
    }
  });
});
