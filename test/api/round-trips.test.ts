import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle, createEntity, globalIdOf } from '../support/fixtures.js';

/**
 * Regression guard for the four operations the benchmark measures (npm run bench; the same
 * documents as bench/operations.mjs, with the page size as a variable): the SQL round trips each
 * costs, exactly, for a small and a large page. A change that adds a round trip
 * to one of them fails here; one that removes some should lower the number on purpose.
 */
const FEED = gql`
  query Feed($first: Int!) {
    articles(first: $first, locale: EN) {
      edges { node { title lede dateLabel mentions { entity { name typeLabel } } quotes { text speaker { name } } } }
    }
  }
`;
const ARTICLE = gql`
  query Article($slug: String!) {
    article(slug: $slug, locale: EN) {
      title lede dateLabel body { kind text }
      mentions { count entity { name typeLabel } }
      quotes { text speaker { name } }
    }
  }
`;
const ENTITY_PAGE = gql`
  query EntityPage($id: ID!, $first: Int!) {
    entity(id: $id, locale: EN) {
      name typeLabel description aliases
      articles(first: $first) { edges { node { title lede dateLabel } } }
    }
  }
`;
const SEARCH = gql`
  query Search($query: String!, $first: Int!) {
    search(query: $query, locale: EN, first: $first) {
      totalCount
      edges { node {
        kind rank snippet
        ... on ArticleHit { article { title dateLabel } }
        ... on QuoteHit { quote { text } }
        ... on EntityHit { entity { name typeLabel } }
      } }
    }
  }
`;

interface Operation {
  name: string;
  query: string;
  variables(first: number): Record<string, unknown>;
  /** Items the page must hold for `first`, to be sure the large page really is large. */
  items(data: never): number;
  statements: number;
}

let server: TestServer;
let entityId: string;
const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';

beforeAll(async () => {
  server = await startTestServer();
  const speakers = await Promise.all([1, 2, 3].map((i) => createEntity(server.prisma, { FR: `Témoin ${i}`, EN: `Witness ${i}` })));
  entityId = globalIdOf('Entity', speakers[0]!.id);
  const places = await Promise.all(['Genève', 'Dakar'].map((name) => createEntity(server.prisma, { FR: name }, 'PLACE')));
  for (let i = 0; i < 24; i++) {
    await createArticle(server.prisma, {
      titles: { FR: `Chronique ${i}`, EN: `Chronicle ${i}` },
      datelineId: places[i % 2]!.id,
      publishedAt: new Date(Date.UTC(2024, 6, 1 + i)),
      quotes: [0, 1, 2].map((q) => ({ speakerId: speakers[(i + q) % 3]!.id, texts: { FR: `Propos ${i}.${q}`, EN: `Remark ${i}.${q}` } })),
      mentions: speakers.map((s, n) => ({ entityId: s.id, count: n + 1 })),
    });
  }
});
afterAll(() => server?.close());

const OPERATIONS: Operation[] = [
  // The page with its texts, quotes with their speakers and mentions with their entities, together.
  {
    name: 'mobile feed',
    query: FEED,
    variables: (first) => ({ first }),
    items: (d: { articles: { edges: unknown[] } }) => d.articles.edges.length,
    statements: 1,
  },
  // Cards: titles and datelines, the places read with the page.
  {
    name: 'cards with datelines',
    query: `query ($first: Int) { articles(first: $first) { edges { node { title place: dateline { name typeLabel } } } } }`,
    variables: (first) => ({ first }),
    items: (d: { articles: { edges: { node: { place: { name: string } | null } }[] } }) => d.articles.edges.filter((e) => e.node.place).length,
    statements: 1,
  },
  // The article with every language version (bodies included), its quotes and its mentions, together.
  {
    name: 'article by slug, whole',
    query: ARTICLE,
    variables: () => ({ slug: SLUG }),
    items: (d: { article: { body: unknown[] } }) => (d.article.body.length > 0 ? 1 : 0),
    statements: 1,
  },
  // The entity, then its page of articles with their texts.
  {
    name: 'entity page with its latest articles',
    query: ENTITY_PAGE,
    variables: (first) => ({ id: entityId, first }),
    items: (d: { entity: { articles: { edges: unknown[] } } }) => d.entity.articles.edges.length,
    statements: 2,
  },
  // Hits ranked and counted in one statement, then the articles found (the only kind of hit here).
  {
    name: 'search',
    query: SEARCH,
    variables: (first) => ({ query: 'chronicle', first }),
    items: (d: { search: { edges: unknown[] } }) => d.search.edges.length,
    statements: 2,
  },
];

describe('SQL round trips of the benchmarked operations', () => {
  it.each(OPERATIONS)('$name: $statements, for a page of 2 and of 20', async (op) => {
    const small = await server.countStatements(() => server.client().request<never>(op.query, op.variables(2)));
    const large = await server.countStatements(() => server.client().request<never>(op.query, op.variables(20)));
    expect(op.items(small.result)).toBeGreaterThan(0);
    if (op.name !== 'article by slug, whole') expect(op.items(large.result)).toBe(20);
    expect({ small: small.statements, large: large.statements }).toEqual({ small: op.statements, large: op.statements });
  });
});

describe('the feed reads what the query selects, however it is written', () => {
  const WRITTEN_OTHERWISE = gql`
    query FeedWithFragments($first: Int!) {
      articles(first: $first, locale: EN) {
        edges { node { title lede dateLabel ...Named said: quotes { text speaker { name } } } }
      }
    }
    fragment Named on Article { mentions { entity { name typeLabel } } }
  `;

  it('answers the same through aliases and fragments, still in one round trip', async () => {
    const plain = await server.client().request<{ articles: { edges: { node: Record<string, unknown> }[] } }>(FEED, { first: 5 });
    const other = await server.countStatements(() =>
      server.client().request<{ articles: { edges: { node: Record<string, unknown> }[] } }>(WRITTEN_OTHERWISE, { first: 5 }),
    );
    expect(other.statements).toBe(1);
    expect(other.result.articles.edges.map(({ node: { said, ...rest } }) => ({ ...rest, quotes: said }))).toEqual(plain.articles.edges.map((e) => e.node));
    expect(plain.articles.edges.some((e) => (e.node.quotes as unknown[]).length > 0)).toBe(true);
  });

  it('reads neither quotes nor mentions when they are not asked for', async () => {
    const { sql } = await server.countStatements(() => server.client().request(gql`{ articles(first: 20) { edges { node { title } } } }`));
    expect(sql).toHaveLength(1);
    expect(sql[0]).not.toMatch(/"Quote"|"Mention"/);
  });
});
