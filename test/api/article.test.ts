import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';

const ARTICLE = gql`
  query Article($slug: String, $id: ID, $locale: Locale) {
    article(slug: $slug, id: $id, locale: $locale) {
      id slug sourceLocale locale isFallback title lede
      body { kind text }
      publishedAt datePrecision dateLabel agency version availableLocales
      translationState(locale: EN)
      translations { locale origin title }
      quotes { id text locale isFallback originalText originalLocale attribution speaker { name typeLabel } }
      mentions { count entity { id name typeLabel locale aliases } }
    }
  }
`;

interface ArticleData {
  article: {
    id: string;
    slug: string;
    sourceLocale: string;
    locale: string;
    isFallback: boolean;
    title: string;
    lede: string;
    body: { kind: string; text: string }[];
    publishedAt: string;
    datePrecision: string;
    dateLabel: string;
    agency: string;
    version: number;
    availableLocales: string[];
    translationState: string;
    translations: { locale: string; origin: string; title: string }[];
    quotes: {
      id: string;
      text: string;
      locale: string;
      originalText: string;
      originalLocale: string;
      attribution: string | null;
      speaker: { name: string; typeLabel: string } | null;
    }[];
    mentions: { count: number; entity: { id: string; name: string; typeLabel: string; locale: string; aliases: string[] } }[];
  } | null;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('the seed dispatch', () => {
  it('is served in French as written, with its intertitles as HEADING paragraphs', async () => {
    const { article } = await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'FR' });
    expect(article).toMatchObject({
      slug: SLUG,
      sourceLocale: 'FR',
      locale: 'FR',
      isFallback: false,
      agency: 'AFP',
      title: 'Les Etats-Unis acceptent de retirer leurs soldats du Niger',
      datePrecision: 'MONTH',
      dateLabel: 'avril 2024',
      publishedAt: '2024-04-01T00:00:00.000Z',
      availableLocales: ['EN', 'FR'],
      translationState: 'CURRENT',
    });
    expect(article!.lede).toMatch(/^Les Etats-Unis ont finalement accepté vendredi de retirer leur millier de soldats du Niger/);
    expect(article!.body.filter((p) => p.kind === 'HEADING').map((p) => p.text)).toEqual(['Manifestation', 'Africa Corps']);
    expect(article!.body.at(-1)!.text).toMatch(/^En décembre, un général américain/);
    expect(article!.translations.map((t) => [t.locale, t.origin])).toEqual([
      ['FR', 'ORIGINAL'],
      ['EN', 'HUMAN'],
    ]);
  });

  it('is served in English by argument, paragraph for paragraph', async () => {
    const fr = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'FR' })).article!;
    const en = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'EN' })).article!;
    expect(en).toMatchObject({ id: fr.id, locale: 'EN', isFallback: false, title: 'US agrees to withdraw troops from Niger', dateLabel: 'April 2024' });
    expect(en.body.map((p) => p.kind)).toEqual(fr.body.map((p) => p.kind));
    expect(en.body.filter((p) => p.kind === 'HEADING').map((p) => p.text)).toEqual(['Protest', 'Africa Corps']);
    expect(en.lede).not.toEqual(fr.lede);
  });

  it.each([
    ['fr-CA', 'FR'],
    ['en-GB,en;q=0.8', 'EN'],
    ['de-DE,de;q=0.9,en;q=0.5', 'EN'],
    ['en;q=0.3,fr;q=0.7', 'FR'],
    ['de', 'FR'],
  ])('follows Accept-Language %s → %s (the server default is FR)', async (header, locale) => {
    const { article } = await server.client({ 'accept-language': header }).request<ArticleData>(ARTICLE, { slug: SLUG });
    expect(article!.locale).toBe(locale);
    expect(article!.dateLabel).toBe(locale === 'FR' ? 'avril 2024' : 'April 2024');
  });

  it('lets the locale argument win over Accept-Language', async () => {
    const { article } = await server.client({ 'accept-language': 'en' }).request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'FR' });
    expect(article!.locale).toBe('FR');
  });

  it('carries every direct quote, with speakers and translations', async () => {
    const fr = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'FR' })).article!;
    const en = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'EN' })).article!;
    expect(fr.quotes.length).toBeGreaterThanOrEqual(8);
    expect(fr.quotes.map((q) => q.text)).toContain('imposé unilatéralement');
    for (const [i, q] of fr.quotes.entries()) {
      expect(fr.lede + fr.body.map((p) => p.text).join('\n')).toContain(`"${q.text}"`);
      expect(en.quotes[i]).toMatchObject({ id: q.id, originalText: q.text, originalLocale: 'FR', locale: 'EN', isFallback: false });
      expect(en.quotes[i]!.text).not.toBe(q.text);
    }
    const broadcast = fr.quotes.find((q) => q.text.startsWith('doter'));
    expect(broadcast!.speaker).toMatchObject({ typeLabel: 'Organisation' });
    expect(en.quotes.find((q) => q.originalText.startsWith('doter'))!.speaker!.typeLabel).toBe('Organisation');
  });

  it('names at least 20 entities, differently by language', async () => {
    const fr = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'FR' })).article!;
    const en = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG, locale: 'EN' })).article!;
    expect(fr.mentions.length).toBeGreaterThanOrEqual(20);
    const byId = (m: ArticleData['article'] & object) => new Map(m.mentions.map((x) => [x.entity.id, x]));
    const putinFr = fr.mentions.find((m) => m.entity.name === 'Vladimir Poutine');
    expect(putinFr).toBeDefined();
    expect(byId(en).get(putinFr!.entity.id)!.entity).toMatchObject({ name: 'Vladimir Putin', typeLabel: 'Person', locale: 'EN' });
    expect(putinFr!.entity.typeLabel).toBe('Personne');
    const us = fr.mentions.find((m) => m.entity.name === 'États-Unis')!;
    expect(us.entity.aliases).toContain('Etats-Unis');
    expect(byId(en).get(us.entity.id)!.entity.name).toBe('United States');
    for (const name of ['Kurt Campbell', 'Ali Mahamane Lamine Zeine', 'Abdourahamane Tiani', 'Africa Corps', 'Agadez']) {
      expect(fr.mentions.map((m) => m.entity.name)).toContain(name);
    }
    const niger = fr.mentions.find((m) => m.entity.name === 'Niger')!;
    expect(niger.count).toBeGreaterThan(1);
    expect(fr.mentions.map((m) => m.count)).toEqual([...fr.mentions.map((m) => m.count)].sort((a, b) => b - a));
  });
});

describe('looking an article up', () => {
  it('finds the same article by id, by slug and through node', async () => {
    const bySlug = (await server.client().request<ArticleData>(ARTICLE, { slug: SLUG })).article!;
    const byId = (await server.client().request<ArticleData>(ARTICLE, { id: bySlug.id })).article!;
    expect(byId.slug).toBe(SLUG);
    const { node } = await server
      .client({ 'accept-language': 'en' })
      .request<{ node: { __typename: string; title: string } }>(gql`query ($id: ID!) { node(id: $id) { __typename id ... on Article { title } } }`, {
        id: bySlug.id,
      });
    expect(node).toMatchObject({ __typename: 'Article', title: 'US agrees to withdraw troops from Niger' });
  });

  it.each([
    ['an unknown slug', { slug: 'nothing-here' }],
    ['an unknown id', { id: Buffer.from('Article:999999').toString('base64') }],
    ['an id of another type', { id: Buffer.from('Entity:1').toString('base64') }],
    ['a malformed id', { id: '%%%not-an-id' }],
    ['a slug with a lone surrogate', { slug: 'x\ud800' }],
  ])('answers null, without error, for %s', async (_what, vars) => {
    const data = await server.client().request<ArticleData>(ARTICLE, vars);
    expect(data.article).toBeNull();
  });

  it('rejects both or neither of id and slug, in the caller’s language', async () => {
    const [fr] = await graphqlErrors(server.client({ 'accept-language': 'fr' }).request(ARTICLE, { slug: SLUG, id: 'x' }));
    expect(fr).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(fr!.message).toMatch(/Indiquez soit « id », soit « slug »/);
    const [en] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(ARTICLE, {}));
    expect(en).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(en!.message).toMatch(/Give either "id" or "slug"/);
  });
});
