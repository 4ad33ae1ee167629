import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { startTestServer, type TestServer } from '../../support/server.js';
import { authHeader } from '../../support/tokens.js';
import { projectRoot } from '../../../src/paths.js';
import { databaseId } from '../../../src/common/node.js';

/**
 * A newsroom morning: editors creating at the same instant what makes the same slug or key. Every
 * request is a real concurrent HTTP request; every one must succeed, each with a slug or key of
 * its own (issue 17, item 4).
 */

const dispatch = (file: string) => readFileSync(path.join(projectRoot, 'test/fixtures/dispatches', file), 'utf8');
const CACAO = dispatch('afp-2024-04-abidjan-cacao.fr.txt');
const SALMON = dispatch('reuters-2024-05-oslo-salmon.en.txt');

let server: TestServer;
let editors: GraphQLClient[];

beforeAll(async () => {
  server = await startTestServer();
  // Editors of their own: one token each, as twenty people at their desks.
  editors = await Promise.all(Array.from({ length: 30 }, async (_, i) => server.client(await authHeader(server, 'EDITOR', `desk-${i}`))));
});
afterAll(() => server?.close());

/** Every answer, fulfilled or not: a rejection's GraphQL errors are what an editor would see. */
async function all<T>(requests: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(requests);
  const refused = settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error).message).slice(0, 200)] : []));
  expect(refused).toEqual([]);
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

const CREATE_ARTICLE = gql`
  mutation ($input: CreateArticleInput!) {
    createArticle(input: $input) { id slug }
  }
`;
const CREATE_ENTITY = gql`
  mutation ($input: CreateEntityInput!) {
    createEntity(input: $input) { id name }
  }
`;
const IMPORT = gql`
  mutation ($input: ImportDispatchInput!) {
    importDispatch(input: $input) { existing article { id slug } candidates { name created { id } } }
  }
`;
interface Imported {
  importDispatch: { existing: boolean; article: { id: string; slug: string }; candidates: { name: string; created: { id: string } | null }[] };
}

const distinct = <T>(values: T[]) => new Set(values).size;

/** The keys (not public: the slug-like name behind merges and imports) of entities given by global id. */
async function keysOf(ids: string[]): Promise<string[]> {
  const rows = await server.prisma.entity.findMany({ where: { id: { in: ids.map((id) => databaseId(id, 'Entity')!.id) } }, select: { key: true } });
  return rows.map((r) => r.key);
}

describe('concurrent creations', () => {
  it('20 createArticle with one title: all succeed, with 20 slugs', async () => {
    const input = { sourceLocale: 'FR', title: 'Sommet de la Cédéao à Abuja', body: [{ kind: 'TEXT', text: 'Texte.' }] };
    const answers = await all(editors.slice(0, 20).map((e) => e.request<{ createArticle: { id: string; slug: string } }>(CREATE_ARTICLE, { input })));
    const slugs = answers.map((a) => a.createArticle.slug);
    expect(distinct(slugs)).toBe(20);
    expect(slugs).toContain('sommet-de-la-cedeao-a-abuja');
    expect(slugs.every((s) => /^sommet-de-la-cedeao-a-abuja(-\d+)?$/.test(s))).toBe(true);
  });

  it('20 createEntity with one name: all succeed, with 20 keys', async () => {
    const input = { type: 'PERSON', translations: [{ locale: 'FR', name: 'Aïssata Diallo' }] };
    const answers = await all(editors.slice(0, 20).map((e) => e.request<{ createEntity: { id: string; name: string } }>(CREATE_ENTITY, { input })));
    expect(distinct(answers.map((a) => a.createEntity.id))).toBe(20);
    const keys = await keysOf(answers.map((a) => a.createEntity.id));
    expect(distinct(keys)).toBe(20);
    expect(keys.every((k) => /^aissata-diallo(-\d+)?$/.test(k))).toBe(true);
  });

  it('30 imports of one text creating its entities: all succeed, one article, its entities created once', async () => {
    const input = { locale: 'FR', text: CACAO, createEntities: true };
    const answers = await all(editors.map((e) => e.request<Imported>(IMPORT, { input })));
    expect(distinct(answers.map((a) => a.importDispatch.article.id))).toBe(1);
    expect(answers.filter((a) => !a.importDispatch.existing)).toHaveLength(1);
    const first = answers.find((a) => !a.importDispatch.existing)!;
    expect(first.importDispatch.candidates.length).toBeGreaterThan(0);
    expect(first.importDispatch.candidates.every((c) => c.created !== null)).toBe(true);
  });

  it('20 imports of different texts with one title naming the same new people: all succeed, distinct slugs and keys', async () => {
    const texts = editors.slice(0, 20).map((_, i) => `${SALMON}\n\n(ref. ${i + 1})\n`);
    const answers = await all(texts.map((text, i) => editors[i]!.request<Imported>(IMPORT, { input: { locale: 'EN', text, createEntities: true } })));
    expect(answers.every((a) => !a.importDispatch.existing)).toBe(true);
    expect(distinct(answers.map((a) => a.importDispatch.article.slug))).toBe(20);
    // An import planned after another committed finds its people known already: mentions, not candidates.
    const ids = answers.flatMap((a) => a.importDispatch.candidates.map((c) => c.created!.id));
    expect(ids.length).toBeGreaterThanOrEqual(answers[0]!.importDispatch.candidates.length);
    expect(ids.length).toBeGreaterThan(0);
    expect(distinct(ids)).toBe(ids.length);
    expect(distinct(await keysOf(ids))).toBe(ids.length);
  });

  it('an import writes in batches: as many statements for one quote and new name as for six', async () => {
    const dispatchWith = (people: string[]) =>
      [
        'date 2024-04-03',
        'Abidjan (AFP) - Les coopératives de cacao se sont réunies mercredi à Abidjan pour discuter du prix garanti.',
        ...people.map((p, i) => `« Nous verrons bien, la saison ${i} sera longue », a déclaré ${p}, planteur à Daloa.`),
      ].join('\n\n');
    const run = (people: string[]) =>
      server.countStatements(() => editors[0]!.request<Imported>(IMPORT, { input: { locale: 'FR', text: dispatchWith(people), createEntities: true } }));
    const one = await run(['Paul Kouassi']);
    const six = await run(['Awa Traoré', 'Koffi Yao', 'Fanta Bamba', 'Issa Coulibaly', 'Mamadou Sanogo', 'Aya Konan']);
    // The first import also creates the places (Abidjan, Daloa); the second finds them known.
    expect(one.result.importDispatch.candidates.map((c) => c.name)).toContain('Paul Kouassi');
    expect(six.result.importDispatch.candidates.length).toBeGreaterThan(one.result.importDispatch.candidates.length);
    expect(six.statements).toBe(one.statements);
  });
});
