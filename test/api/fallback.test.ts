import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle, createEntity, globalIdOf } from '../support/fixtures.js';

const ARTICLE = gql`
  query ($id: ID!, $locale: Locale) {
    article(id: $id, locale: $locale) {
      locale isFallback title availableLocales dateLabel
      translationState(locale: EN)
      quotes { text locale isFallback originalText originalLocale }
      mentions { entity { name locale isFallback typeLabel } }
    }
  }
`;

interface Data {
  article: {
    locale: string;
    isFallback: boolean;
    title: string;
    availableLocales: string[];
    dateLabel: string;
    translationState: string;
    quotes: { text: string; locale: string; isFallback: boolean; originalText: string; originalLocale: string }[];
    mentions: { entity: { name: string; locale: string; isFallback: boolean; typeLabel: string } }[];
  };
}

let server: TestServer;
let frenchOnly: string;
beforeAll(async () => {
  server = await startTestServer();
  const englishOnly = await createEntity(server.prisma, { EN: 'Only-English Person' });
  const article = await createArticle(server.prisma, {
    titles: { FR: 'Seulement en français' },
    publishedAt: new Date('2024-04-19T08:30:00Z'),
    datePrecision: 'DAY',
    quotes: [{ speakerId: englishOnly.id, texts: { FR: 'Une citation non traduite' } }],
    mentions: [{ entityId: englishOnly.id, count: 1 }],
  });
  frenchOnly = globalIdOf('Article', article.id);
});
afterAll(() => server?.close());

describe('text missing in the requested language', () => {
  it('falls back to the other language and says so', async () => {
    const { article } = await server.client().request<Data>(ARTICLE, { id: frenchOnly, locale: 'EN' });
    expect(article).toMatchObject({ locale: 'FR', isFallback: true, title: 'Seulement en français', availableLocales: ['FR'], translationState: 'MISSING' });
    expect(article.quotes).toEqual([
      { text: 'Une citation non traduite', locale: 'FR', isFallback: true, originalText: 'Une citation non traduite', originalLocale: 'FR' },
    ]);
  });

  it('still labels the article in the requested language', async () => {
    const en = await server.client().request<Data>(ARTICLE, { id: frenchOnly, locale: 'EN' });
    const fr = await server.client().request<Data>(ARTICLE, { id: frenchOnly, locale: 'FR' });
    expect(en.article.dateLabel).toBe('Friday, April 19, 2024');
    expect(fr.article.dateLabel).toBe('vendredi 19 avril 2024');
    expect(fr.article.isFallback).toBe(false);
  });

  it('falls back per object: an English-only entity inside a French article', async () => {
    const { article } = await server.client().request<Data>(ARTICLE, { id: frenchOnly, locale: 'FR' });
    expect(article.mentions).toEqual([{ entity: { name: 'Only-English Person', locale: 'EN', isFallback: true, typeLabel: 'Personne' } }]);
  });
});

describe('the dateline', () => {
  it('is an entity served in the language of its article', async () => {
    const place = await createEntity(server.prisma, { FR: 'Genève', EN: 'Geneva' }, 'PLACE');
    const article = await createArticle(server.prisma, { titles: { FR: 'Daté de Genève', EN: 'Datelined Geneva' }, datelineId: place.id });
    const query = gql`query ($id: ID!, $locale: Locale) { article(id: $id, locale: $locale) { dateline { name typeLabel } } }`;
    const id = globalIdOf('Article', article.id);
    expect((await server.client().request<Data>(query, { id, locale: 'FR' })).article).toEqual({ dateline: { name: 'Genève', typeLabel: 'Lieu' } });
    expect((await server.client().request<Data>(query, { id, locale: 'EN' })).article).toEqual({ dateline: { name: 'Geneva', typeLabel: 'Place' } });
    expect((await server.client().request<Data>(query, { id: frenchOnly })).article).toEqual({ dateline: null });
  });
});

describe('a configured fallback chain', () => {
  it('is reported by the locales query', async () => {
    const { locales } = await server
      .client({ 'accept-language': 'en' })
      .request<{ locales: unknown[] }>(gql`{ locales { code name nativeName isDefault fallback } }`);
    expect(locales).toEqual([
      { code: 'FR', name: 'French', nativeName: 'français', isDefault: true, fallback: ['EN'] },
      { code: 'EN', name: 'English', nativeName: 'English', isDefault: false, fallback: ['FR'] },
    ]);
  });

  it('may name no fallback: a text missing in the language asked is then served in its original language', async () => {
    // A chain that leaves a language out orders the versions it does not name (see servingOrder).
    const alone = await startTestServer({ FALLBACK_CHAIN: 'fr:fr,en:en' });
    try {
      const englishOnly = await createEntity(alone.prisma, { EN: 'Only-English Person' });
      const created = await createArticle(alone.prisma, {
        titles: { FR: 'Seulement en français' },
        quotes: [{ speakerId: englishOnly.id, texts: { FR: 'Une citation non traduite' } }],
        mentions: [{ entityId: englishOnly.id, count: 1 }],
      });
      const id = globalIdOf('Article', created.id);
      const en = (await alone.client().request<Data>(ARTICLE, { id, locale: 'EN' })).article;
      expect(en).toMatchObject({ locale: 'FR', isFallback: true, title: 'Seulement en français' });
      expect(en.quotes).toEqual([
        { text: 'Une citation non traduite', locale: 'FR', isFallback: true, originalText: 'Une citation non traduite', originalLocale: 'FR' },
      ]);
      const fr = (await alone.client().request<Data>(ARTICLE, { id, locale: 'FR' })).article;
      expect(fr.mentions).toEqual([{ entity: { name: 'Only-English Person', locale: 'EN', isFallback: true, typeLabel: 'Personne' } }]);
      const { locales } = await alone.client().request<{ locales: { code: string; fallback: string[] }[] }>(gql`{ locales { code fallback } }`);
      expect(locales).toEqual([
        { code: 'FR', fallback: [] },
        { code: 'EN', fallback: [] },
      ]);
    } finally {
      await alone.close();
    }
  });

  it('follows DEFAULT_LOCALE when a request names no language', async () => {
    const english = await startTestServer({ DEFAULT_LOCALE: 'EN' });
    try {
      const slug = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
      const { article } = await english
        .client()
        .request<{ article: { locale: string } }>(gql`query ($slug: String!) { article(slug: $slug) { locale } }`, { slug });
      expect(article.locale).toBe('EN');
      const { locales } = await english.client().request<{ locales: { code: string; isDefault: boolean }[] }>(gql`{ locales { code isDefault } }`);
      expect(locales.find((l) => l.isDefault)!.code).toBe('EN');
    } finally {
      await english.close();
    }
  });
});
