import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { print } from 'graphql';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The README's advice to client developers, checked with a real Apollo Client: ids are the same
 * in every language, so a normalized cache must key localized objects by id AND locale.
 */

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const TITLE = { FR: 'Les Etats-Unis acceptent de retirer leurs soldats du Niger', EN: 'US agrees to withdraw troops from Niger' };
const PUTIN = { FR: 'Vladimir Poutine', EN: 'Vladimir Putin' };
type Lang = keyof typeof TITLE;

// __typename is selected explicitly so the server's own answer and Apollo's can be compared as they are.
const DISPATCH = gql`
  query Dispatch($slug: String!, $locale: Locale!) {
    article(slug: $slug, locale: $locale) {
      __typename id locale title
      mentions { __typename entity { __typename id locale name } }
      quotes { __typename id locale text }
    }
  }
`;

interface Dispatch {
  article: {
    __typename: 'Article';
    id: string;
    locale: Lang;
    title: string;
    mentions: { __typename: 'Mention'; entity: { __typename: 'Entity'; id: string; locale: Lang; name: string } }[];
    quotes: { __typename: 'Quote'; id: string; locale: Lang; text: string }[];
  };
}

const LOCALIZED_KEYS = { keyFields: ['id', 'locale'] };
const localizedCache = () => new InMemoryCache({ typePolicies: { Article: LOCALIZED_KEYS, Entity: LOCALIZED_KEYS, Quote: LOCALIZED_KEYS } });

let server: TestServer;
/** The server's own answer in each language, fetched without any client cache. */
const truth = {} as Record<Lang, Dispatch>;

beforeAll(async () => {
  server = await startTestServer();
  for (const locale of ['FR', 'EN'] as const) {
    truth[locale] = await server.client().request<Dispatch>(print(DISPATCH), { slug: SLUG, locale });
  }
});
afterAll(() => server?.close());

/** An Apollo Client over HTTP (Node's fetch) that counts the requests it really sends. */
function apollo(cache: InMemoryCache) {
  const sent = { count: 0 };
  const client = new ApolloClient({
    cache,
    link: new HttpLink({
      uri: server.url,
      fetch: (input, init) => {
        sent.count += 1;
        return fetch(input, init);
      },
    }),
  });
  return { client, sent };
}

const variables = (locale: Lang) => ({ slug: SLUG, locale });

/** Every text of the answer is in `locale`: title, entity names and quotes. */
function expectAllIn(data: Dispatch | null | undefined, locale: Lang) {
  const other: Lang = locale === 'FR' ? 'EN' : 'FR';
  const article = data!.article;
  expect(article.locale).toBe(locale);
  expect(article.title).toBe(TITLE[locale]);
  const names = article.mentions.map((m) => m.entity.name);
  expect(names).toContain(PUTIN[locale]);
  expect(names).not.toContain(PUTIN[other]);
  expect(new Set(article.mentions.map((m) => m.entity.locale))).toEqual(new Set([locale]));
  expect(new Set(article.quotes.map((q) => q.locale))).toEqual(new Set([locale]));
  expect(data).toEqual(truth[locale]);
}

describe('the seed dispatch as served', () => {
  it('has the same ids in French and English, with different texts', () => {
    const { FR: fr, EN: en } = truth;
    expectAllIn(fr, 'FR');
    expectAllIn(en, 'EN');
    expect(en.article.id).toBe(fr.article.id);
    expect(en.article.mentions.map((m) => m.entity.id)).toEqual(fr.article.mentions.map((m) => m.entity.id));
    expect(en.article.quotes.map((q) => q.id)).toEqual(fr.article.quotes.map((q) => q.id));
    expect(fr.article.quotes.length).toBeGreaterThan(0);
    for (const [i, q] of en.article.quotes.entries()) expect(q.text).not.toBe(fr.article.quotes[i]!.text);
  });
});

describe('an Apollo cache keyed by id and locale', () => {
  it('answers each language in that language only, however the queries alternate', async () => {
    const cache = localizedCache();
    const { client, sent } = apollo(cache);
    try {
      for (let round = 0; round < 3; round++) {
        for (const locale of ['FR', 'EN'] as const) {
          const { data } = await client.query<Dispatch>({ query: DISPATCH, variables: variables(locale) });
          expectAllIn(data, locale);
        }
      }
      // Only the first FR and the first EN went to the server; the rest came from the cache.
      expect(sent.count).toBe(2);

      const { id } = truth.FR.article;
      const stored = cache.extract() as Record<string, { title?: string; name?: string }>;
      const articles = Object.keys(stored).filter((key) => key.startsWith('Article:'));
      expect(articles.sort()).toEqual([`Article:${JSON.stringify({ id, locale: 'EN' })}`, `Article:${JSON.stringify({ id, locale: 'FR' })}`]);
      expect(stored[`Article:${JSON.stringify({ id, locale: 'FR' })}`]!.title).toBe(TITLE.FR);
      expect(stored[`Article:${JSON.stringify({ id, locale: 'EN' })}`]!.title).toBe(TITLE.EN);

      const putinId = truth.FR.article.mentions.find((m) => m.entity.name === PUTIN.FR)!.entity.id;
      expect(stored[`Entity:${JSON.stringify({ id: putinId, locale: 'FR' })}`]!.name).toBe(PUTIN.FR);
      expect(stored[`Entity:${JSON.stringify({ id: putinId, locale: 'EN' })}`]!.name).toBe(PUTIN.EN);
    } finally {
      client.stop();
    }
  });

  it('still reads French from the cache after English was fetched', async () => {
    const { client, sent } = apollo(localizedCache());
    try {
      await client.query<Dispatch>({ query: DISPATCH, variables: variables('FR') });
      await client.query<Dispatch>({ query: DISPATCH, variables: variables('EN') });
      expectAllIn(client.readQuery<Dispatch>({ query: DISPATCH, variables: variables('FR') }), 'FR');
      expectAllIn(client.readQuery<Dispatch>({ query: DISPATCH, variables: variables('EN') }), 'EN');
      const { data } = await client.query<Dispatch>({ query: DISPATCH, variables: variables('FR'), fetchPolicy: 'cache-only' });
      expectAllIn(data, 'FR');
      expect(sent.count).toBe(2);
    } finally {
      client.stop();
    }
  });
});

describe('why: an Apollo cache keyed by id alone', () => {
  it('answers the French query in English once English was fetched', async () => {
    const cache = new InMemoryCache();
    const { client, sent } = apollo(cache);
    try {
      expectAllIn((await client.query<Dispatch>({ query: DISPATCH, variables: variables('FR') })).data, 'FR');
      expectAllIn((await client.query<Dispatch>({ query: DISPATCH, variables: variables('EN') })).data, 'EN');

      // The English answer overwrote the one Article and the shared Entity/Quote records.
      const frFromCache = client.readQuery<Dispatch>({ query: DISPATCH, variables: variables('FR') })!;
      expect(frFromCache).toEqual(truth.EN);
      expect(frFromCache.article.title).toBe(TITLE.EN);
      expect(frFromCache.article.mentions.map((m) => m.entity.name)).toContain(PUTIN.EN);
      expect(frFromCache.article.mentions.map((m) => m.entity.name)).not.toContain(PUTIN.FR);

      // A cache-first query for French gets that English answer without asking the server.
      const { data } = await client.query<Dispatch>({ query: DISPATCH, variables: variables('FR') });
      expect(data).toEqual(truth.EN);
      expect(sent.count).toBe(2);

      const stored = Object.keys(cache.extract());
      expect(stored.filter((key) => key.startsWith('Article:'))).toEqual([`Article:${truth.FR.article.id}`]);
    } finally {
      client.stop();
    }
  });
});
