import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle, createEntity } from '../support/fixtures.js';

// Every nested relation goes through a request-scoped DataLoader: the number of SQL statements
// of a request depends on its shape, never on how many items a page holds.
const FEED = gql`
  query Feed($first: Int!) {
    articles(first: $first, locale: EN) {
      edges { node { title quotes { text speaker { name } } mentions { count entity { name typeLabel } } } }
    }
  }
`;

const ENTITY_PAGES = gql`
  query EntityPages($first: Int!) {
    entities(first: $first) {
      edges { node { name articles(first: 3) { totalCount edges { node { title } } } quotes(first: 2) { totalCount edges { node { text } } } } }
    }
  }
`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const speakers = await Promise.all([1, 2, 3, 4, 5].map((i) => createEntity(server.prisma, { FR: `Orateur ${i}`, EN: `Speaker ${i}` })));
  for (let i = 0; i < 24; i++) {
    await createArticle(server.prisma, {
      titles: { FR: `Dépêche ${i}`, EN: `Dispatch ${i}` },
      publishedAt: new Date(Date.UTC(2024, 5, 1 + i)),
      quotes: [0, 1].map((q) => ({ speakerId: speakers[(i + q) % 5]!.id, texts: { FR: `Citation ${i}.${q}`, EN: `Quote ${i}.${q}` } })),
      mentions: speakers.slice(0, 1 + (i % 5)).map((s, n) => ({ entityId: s.id, count: n + 1 })),
    });
  }
});
afterAll(() => server?.close());

describe('SQL statements per request', () => {
  it('are the same for a feed of 2 and of 20 articles, and at most 8', async () => {
    const small = await server.countStatements(() => server.client().request<{ articles: { edges: unknown[] } }>(FEED, { first: 2 }));
    const large = await server.countStatements(() => server.client().request<{ articles: { edges: unknown[] } }>(FEED, { first: 20 }));
    expect(small.result.articles.edges).toHaveLength(2);
    expect(large.result.articles.edges).toHaveLength(20);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(8);
    // One statement: the page with its texts, quotes (with speakers) and mentions (with entities).
    expect(large.sql).toHaveLength(1);
  });

  it('serve every nested item of the feed from the batches', async () => {
    const { result } = await server.countStatements(() =>
      server
        .client()
        .request<{ articles: { edges: { node: { title: string; quotes: { speaker: { name: string } }[]; mentions: unknown[] } }[] } }>(FEED, { first: 20 }),
    );
    const fixtures = result.articles.edges.filter((e) => e.node.title.startsWith('Dispatch'));
    expect(fixtures.length).toBeGreaterThan(0);
    for (const { node } of fixtures) {
      expect(node.quotes).toHaveLength(2);
      expect(node.quotes.every((q) => q.speaker.name.startsWith('Speaker'))).toBe(true);
      expect(node.mentions.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('are the same for the nested article and quote pages of 2 and of 20 entities', async () => {
    const small = await server.countStatements(() => server.client().request<{ entities: { edges: unknown[] } }>(ENTITY_PAGES, { first: 2 }));
    const large = await server.countStatements(() => server.client().request<{ entities: { edges: unknown[] } }>(ENTITY_PAGES, { first: 20 }));
    expect(large.result.entities.edges).toHaveLength(20);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});
