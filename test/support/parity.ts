import { expect } from 'vitest';
import type { TestServer } from './server.js';
import { createArticle, createEntity, globalIdOf } from './fixtures.js';
import { authHeader } from './tokens.js';

/**
 * Two servers that must answer alike (graphql-jit and graphql-js, direct reads and Prisma's): the
 * same rows on each, the same requests, compared body and status.
 */
export interface Answer {
  status: number;
  body: unknown;
}

const SEED_SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';

/** The same rows on either server, with ids and slugs that do not depend on the clock; the editor's header. */
export async function fillForParity(server: TestServer): Promise<Record<string, string>> {
  const speakers: { id: number }[] = [];
  for (const i of [1, 2, 3]) speakers.push(await createEntity(server.prisma, { FR: `Témoin ${i}`, EN: `Witness ${i}` }));
  const frenchOnly = await createEntity(server.prisma, { FR: 'Assemblée seule' }, 'ORGANIZATION');
  for (let i = 0; i < 24; i++) {
    const article = await createArticle(server.prisma, {
      titles: i % 5 === 0 ? { FR: `Chronique ${i}` } : { FR: `Chronique ${i}`, EN: `Chronicle ${i}` },
      publishedAt: new Date(Date.UTC(2024, 6, 1 + i)),
      quotes: [0, 1].map((q) => ({ speakerId: q === 1 && i % 4 === 0 ? undefined : speakers[(i + q) % 3]!.id, texts: { FR: `Propos ${i}.${q}` } })),
      mentions: [...speakers.map((s, n) => ({ entityId: s.id, count: n + 1 })), ...(i % 3 === 0 ? [{ entityId: frenchOnly.id, count: 1 }] : [])],
    });
    await server.prisma.article.update({ where: { id: article.id }, data: { slug: `chronicle-${i}` } });
  }
  await createArticle(server.prisma, { titles: { FR: 'Brouillon', EN: 'Draft' }, status: 'DRAFT', publishedAt: null });
  return authHeader(server, 'EDITOR', 'editor');
}

export async function postAnswer(server: TestServer, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Every benchmark document, as the bench sends it, to both servers: equal answers, without errors. */
export async function expectBenchDocumentsAlike(one: TestServer, other: TestServer) {
  // bench/ is plain JavaScript: loaded by URL, untyped, exactly as the bench sends it.
  const bench = await import(String(new URL('../../bench/operations.mjs', import.meta.url)));
  const entity = await one.prisma.entity.findFirstOrThrow({ where: { translations: { some: { name: 'Witness 1' } } } });
  const inputs = { slug: 'chronicle-3', entityId: globalIdOf('Entity', entity.id), searchTerm: 'chronicle' };
  const requests = bench.requests('depeche', inputs) as Record<string, { body: string }>;
  expect(Object.keys(requests)).toEqual(expect.arrayContaining(['feed', 'article', 'entity', 'search', 'cards']));
  for (const [name, request] of Object.entries(requests)) {
    const body = JSON.parse(request.body);
    const a = await postAnswer(one, body);
    const b = await postAnswer(other, body);
    expect({ name, ...a }).toEqual({ name, ...b });
    expect(a.status).toBe(200);
    expect(a.body).not.toHaveProperty('errors');
  }
}

export interface ParityCase {
  name: string;
  body: Record<string, unknown>;
  editor?: boolean;
  headers?: Record<string, string>;
}

const ENTITY = globalIdOf('Entity', 0);
const SPEAKER = 'query($id: ID!) { entity(id: $id) { name } }';
export const PARITY_CASES: ParityCase[] = [
  {
    name: 'aliases',
    body: { query: '{ fr: articles(first: 2, locale: FR) { edges { node { t: title l: lede } } } en: articles(first: 3, locale: EN) { totalCount } }' },
  },
  {
    name: 'fragments, nested and spread twice',
    body: {
      query:
        'query { articles(first: 4) { edges { cursor node { ...A } } pageInfo { hasNextPage endCursor } } } fragment A on Article { id slug ...T quotes { ...Q } } fragment T on Article { title locale isFallback } fragment Q on Quote { text speaker { ...E } } fragment E on Entity { name typeLabel }',
    },
  },
  {
    name: 'inline fragments on an interface',
    body: { query: `{ node(id: "${globalIdOf('Article', 3)}") { id ... on Article { title } ... on Entity { name } } }` },
  },
  {
    name: 'variables and their defaults',
    body: { query: 'query($n: Int = 3, $l: Locale) { articles(first: $n, locale: $l) { edges { node { title } } } }', variables: { l: 'FR' } },
  },
  { name: 'an absent variable left to its default', body: { query: 'query($n: Int = 2) { articles(first: $n) { edges { node { slug } } } }' } },
  {
    name: 'skip and include',
    body: { query: 'query($s: Boolean!) { articles(first: 2) { edges { node { title @skip(if: $s) lede @include(if: $s) } } } }', variables: { s: true } },
  },
  { name: '__typename', body: { query: '{ __typename articles(first: 1) { __typename edges { __typename node { __typename } } } }' } },
  { name: 'a page after a cursor', body: { query: '{ articles(first: 5, after: "YXJyYXljb25uZWN0aW9uOjA=") { edges { node { slug } } } }' } },
  {
    name: 'fallback to French, in English',
    body: { query: '{ article(slug: "chronicle-5", locale: EN) { title locale isFallback availableLocales translationState(locale: EN) } }' },
  },
  {
    name: 'an entity with a French name only',
    body: { query: '{ entities(first: 10, locale: EN) { edges { node { name locale isFallback typeLabel aliases } } } }' },
  },
  {
    name: 'the seed article whole, in French',
    body: {
      query: `{ article(slug: "${SEED_SLUG}") { title lede body { kind text } dateLabel datePrecision publishedAt quotes { text originalText originalLocale } mentions { count entity { name } } } }`,
    },
    headers: { 'accept-language': 'fr' },
  },
  { name: 'null for an unknown slug', body: { query: '{ article(slug: "nothing-here") { title } }' } },
  { name: 'a null speaker', body: { query: '{ article(slug: "chronicle-4") { quotes { text speaker { name } } } }' } },
  {
    name: 'quotes and their article',
    body: { query: '{ quotes(first: 5, locale: EN) { edges { node { text isFallback article { slug } speaker { name } } } } }' },
  },
  {
    name: 'search with hits of several kinds',
    body: {
      query:
        '{ search(query: "Témoin", first: 5) { totalCount edges { node { kind ... on EntityHit { entity { name } } ... on ArticleHit { article { slug } } } } } }',
    },
  },
  { name: 'locales', body: { query: '{ locales { code name nativeName fallback isDefault } }' }, headers: { 'accept-language': 'en' } },
  {
    name: 'a variable of the wrong type (BAD_USER_INPUT, HTTP 400)',
    body: { query: 'query($n: Int!) { articles(first: $n) { totalCount } }', variables: { n: 'many' } },
  },
  { name: 'a missing variable', body: { query: SPEAKER } },
  { name: 'a page too large, localized', body: { query: '{ articles(first: 1000) { totalCount } }' }, headers: { 'accept-language': 'fr' } },
  {
    name: 'an invalid id, with its path',
    body: { query: '{ a: article(slug: "chronicle-1") { title } b: node(id: "not-an-id") { id } c: article(id: "x", slug: "y") { id } }' },
    headers: { 'accept-language': 'en' },
  },
  { name: 'an editor-only field asked anonymously', body: { query: '{ article(slug: "chronicle-1") { title translations { locale title } } }' } },
  {
    name: "editors' fields with a token",
    body: { query: '{ article(slug: "chronicle-1") { version translations { locale title origin version } } }' },
    editor: true,
  },
  {
    name: "an editor's list of drafts",
    body: { query: '{ articles(first: 30, filter: { status: DRAFT }) { edges { node { title isFallback } } } }' },
    editor: true,
  },
  { name: 'a mutation refused anonymously', body: { query: 'mutation { createArticle(input: { sourceLocale: FR, title: "Anonyme", body: [] }) { id } }' } },
  {
    name: "an editor's mutation",
    body: {
      query:
        'mutation($t: String!) { createArticle(input: { sourceLocale: FR, title: $t, body: [{ kind: TEXT, text: "Texte" }] }) { id slug version title locale availableLocales } }',
      variables: { t: 'Nouvelle dépêche' },
    },
    editor: true,
  },
  {
    name: 'an input field left to its default (jit ignores those: interpreted)',
    body: {
      query: 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { slug mentions { count entity { name } } } }',
      variables: { input: { sourceLocale: 'EN', title: 'Defaults', body: [], mentions: [{ entity: globalIdOf('Entity', 1) }] } },
    },
    editor: true,
  },
  {
    name: "a mutation's localized error",
    body: { query: `mutation { updateArticle(id: "${globalIdOf('Article', 999999)}", expectedVersion: 1, input: { title: "x" }) { id } }` },
    editor: true,
    headers: { 'accept-language': 'fr' },
  },
  { name: 'an unknown entity id', body: { query: SPEAKER, variables: { id: ENTITY } } },
];
