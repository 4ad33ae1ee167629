import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { Prisma } from '@prisma/client';
import { namesMatch } from '../../src/entities/entity.lookup.js';
import { createArticle, createEntity, globalIdOf } from '../support/fixtures.js';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

interface Node {
  id: string;
  name: string;
  locale: string;
  type: string;
  isFallback: boolean;
}
interface Lookup {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Node }[];
}

const LOOKUP = gql`
  query ($name: String, $type: EntityType, $locale: Locale, $first: Int, $after: String) {
    entities(filter: { name: $name, type: $type }, locale: $locale, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name locale type isFallback } }
    }
  }`;

type Vars = { name: string; type?: string; locale?: string; first?: number; after?: string };
const lookUp = async (vars: Vars, headers: Record<string, string> = {}) => (await server.client(headers).request<{ entities: Lookup }>(LOOKUP, vars)).entities;
const names = (page: Lookup) => page.edges.map((e) => e.node.name);

describe('entities(filter: { name })', () => {
  it('finds the same entity first whatever the case, accents or language of the name', async () => {
    const firsts = [];
    for (const name of ['etats unis', 'États-Unis', 'ÉTATS-UNIS', 'United States', 'united states']) {
      firsts.push((await lookUp({ name })).edges[0]?.node);
    }
    expect(firsts.map((n) => n?.name)).toEqual(Array(5).fill('États-Unis'));
    expect(new Set(firsts.map((n) => n?.id)).size).toBe(1);
    // The exact name beats a longer one containing it, in both languages.
    expect(names(await lookUp({ name: 'etats unis' }))).toEqual(['États-Unis', "Département d'État des États-Unis"]);
    expect(names(await lookUp({ name: 'United States', locale: 'EN' }))).toEqual(['United States', 'United States Department of State']);
  });

  it('serves the requested language whatever language matched', async () => {
    const page = await lookUp({ name: 'Putin', locale: 'FR' });
    expect(page.edges[0]?.node).toMatchObject({ name: 'Vladimir Poutine', locale: 'FR', isFallback: false, type: 'PERSON' });
    const en = await lookUp({ name: 'Poutine' }, { 'accept-language': 'en' });
    expect(en.edges[0]?.node).toMatchObject({ name: 'Vladimir Putin', locale: 'EN' });
  });

  it('tolerates typos', async () => {
    expect((await lookUp({ name: 'Vladimir Poutin' })).edges[0]?.node.name).toBe('Vladimir Poutine');
    expect((await lookUp({ name: 'Abdourahmane Tiani' })).edges[0]?.node.name).toBe('Abdourahamane Tiani');
    expect((await lookUp({ name: 'burkina' })).edges[0]?.node.name).toBe('Burkina Faso');
  });

  it('ranks equally close names by mentions in published articles', async () => {
    const rare = await createEntity(server.prisma, { FR: 'Zéphyrin Quidam', EN: 'Zephyrin Quidam' });
    const frequent = await createEntity(server.prisma, { FR: 'Zéphyrin Quidam', EN: 'Zephyrin Quidam' });
    await createArticle(server.prisma, {
      titles: { FR: 'Quidam' },
      mentions: [
        { entityId: rare.id, count: 1 },
        { entityId: frequent.id, count: 4 },
      ],
    });
    // Drafts are not public: their mentions must not lift an entity.
    await createArticle(server.prisma, { titles: { FR: 'Brouillon' }, status: 'DRAFT', mentions: [{ entityId: rare.id, count: 50 }] });
    const page = await lookUp({ name: 'zephyrin quidam' });
    expect(page.edges.map((e) => e.node.id)).toEqual([globalIdOf('Entity', frequent.id), globalIdOf('Entity', rare.id)]);
    expect(page.totalCount).toBe(2);
  });

  it('combines with type', async () => {
    // Niger's junta too, through its French aliases ("junte nigérienne", "régime militaire nigérien").
    expect(names(await lookUp({ name: 'Niger' }))).toEqual([
      'Niger',
      "coup d'État de 2023 au Niger",
      'Conseil national pour la sauvegarde de la patrie',
      'Radio Télévision du Niger',
    ]);
    const places = await lookUp({ name: 'Niger', type: 'PLACE' });
    expect(names(places)).toEqual(['Niger']);
    expect(places.totalCount).toBe(1);
    expect(names(await lookUp({ name: 'etats unis', type: 'ORGANIZATION' }))).toEqual(["Département d'État des États-Unis"]);
    expect(await lookUp({ name: 'Niger', type: 'PERSON' })).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
    const people = await lookUp({ name: 'Vladimir', type: 'PERSON' });
    expect(people.edges.length).toBeGreaterThan(0);
    expect(people.edges.every((e) => e.node.type === 'PERSON')).toBe(true);
  });

  it('pages through the ranking one by one, each entity once, with a steady totalCount', async () => {
    const all = await lookUp({ name: 'Niger', first: 100 });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await lookUp({ name: 'Niger', first: 1, ...(after ? { after } : {}) });
      expect(page.totalCount).toBe(all.totalCount);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(all.totalCount).toBe(4);
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
    // Past the end: nothing, and the count still holds.
    expect(await lookUp({ name: 'Niger', after: all.pageInfo.endCursor! })).toMatchObject({ totalCount: 4, edges: [] });
  });

  it('costs one statement for the ranked page and one for the entities, totalCount included', async () => {
    const { result, statements } = await server.countStatements(() => lookUp({ name: 'etats unis' }));
    expect(result.totalCount).toBe(2);
    expect(statements).toBe(2);
  });

  it('refuses a cursor of the list in creation order', async () => {
    const { entities } = await server
      .client()
      .request<{ entities: { pageInfo: { endCursor: string } } }>(gql`{ entities(first: 1) { pageInfo { endCursor } } }`);
    const errors = await graphqlErrors(lookUp({ name: 'Niger', after: entities.pageInfo.endCursor }));
    expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it.each([
    ['a percent sign', '%'],
    ['an underscore', '_'],
    ['SQL', `'; DROP TABLE "Entity"; --`],
    ['a backslash', '\\'],
    ['emoji', '🇳🇪 Niger 🪖'],
    ['a NUL character', 'Nig\u0000er'],
    ['a lone surrogate', 'Niger \ud800'],
    ['regex syntax', '.*(a|b)+$'],
    ['100 characters', 'Vladimir Poutine '.repeat(6).slice(0, 100)],
  ])('answers %s with results or none, never an error', async (_what, name) => {
    const page = await lookUp({ name, first: 100 });
    expect(Array.isArray(page.edges)).toBe(true);
    expect(page.totalCount).toBe(page.edges.length);
    expect(await server.prisma.entity.count()).toBeGreaterThanOrEqual(25);
  });

  it.each([
    ['empty', ''],
    ['spaces only', '  \t '],
    ['101 characters', 'a'.repeat(101)],
  ])('refuses a name that is %s, in the caller’s language', async (_what, name) => {
    const fr = await graphqlErrors(lookUp({ name }));
    const en = await graphqlErrors(lookUp({ name }, { 'accept-language': 'en' }));
    expect(fr).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.name' } }]);
    expect(en).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.name' } }]);
    expect(fr[0]!.message).toBe('« filter.name » doit contenir un nom de 1 à 100 caractères, hors espaces au début et à la fin.');
    expect(en[0]!.message).toBe('"filter.name" must be a name of 1 to 100 characters, not counting leading and trailing spaces.');
  });

  it('counts characters, not UTF-16 units, and ignores surrounding spaces', async () => {
    await expect(lookUp({ name: '🇳'.repeat(100) })).resolves.toMatchObject({ edges: [] });
    await expect(lookUp({ name: `  ${'a'.repeat(100)}  ` })).resolves.toMatchObject({ edges: [] });
  });

  it('finds matching names through the trigram index', async () => {
    const query = Prisma.sql`EXPLAIN SELECT t."entityId" FROM "EntityTranslation" t WHERE ${namesMatch('Vladimir Poutin')}`;
    const plan = await server.prisma.$transaction(async (tx) => {
      // The seeded table is tiny: without this the planner rightly prefers reading it whole.
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(query.text, ...query.values);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('EntityTranslation_names_trgm_idx');
  });
});
