import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle, createEntity, globalIdOf } from '../support/fixtures.js';

// Drafts and archived articles are not public: no read path may reveal them, nested or not.
let server: TestServer;
let hidden: { id: number; slug: string }[];
let entityId: string;
let quoteIds: string[];

beforeAll(async () => {
  server = await startTestServer();
  const entity = await createEntity(server.prisma, { FR: 'Personne secrète', EN: 'Secret person' });
  entityId = globalIdOf('Entity', entity.id);
  hidden = [];
  for (const status of ['DRAFT', 'ARCHIVED'] as const) {
    hidden.push(
      await createArticle(server.prisma, {
        titles: { FR: `Brouillon ${status}` },
        status,
        publishedAt: status === 'ARCHIVED' ? new Date('2024-01-01T00:00:00Z') : null,
        quotes: [{ speakerId: entity.id, texts: { FR: `Secret ${status}` } }],
        mentions: [{ entityId: entity.id, count: 1 }],
      }),
    );
  }
  const quotes = await server.prisma.quote.findMany({ where: { articleId: { in: hidden.map((h) => h.id) } } });
  quoteIds = quotes.map((q) => globalIdOf('Quote', q.id));
});
afterAll(() => server?.close());

describe('unpublished articles', () => {
  it('are null by id, by slug and through node', async () => {
    for (const h of hidden) {
      const data = await server
        .client()
        .request<Record<string, unknown>>(
          gql`query ($id: ID!, $slug: String!) { byId: article(id: $id) { id } bySlug: article(slug: $slug) { id } node(id: $id) { id } }`,
          { id: globalIdOf('Article', h.id), slug: h.slug },
        );
      expect(data).toEqual({ byId: null, bySlug: null, node: null });
    }
  });

  it('are absent from lists, counts and nested connections', async () => {
    const data = await server.client().request<{
      articles: { totalCount: number; edges: { node: { title: string } }[] };
      quotes: { totalCount: number };
      entity: { articles: { totalCount: number; edges: unknown[] }; quotes: { totalCount: number; edges: unknown[] } };
      mentioning: { totalCount: number };
    }>(
      gql`query ($entity: ID!) {
        articles(first: 100) { totalCount edges { node { title } } }
        quotes(first: 100) { totalCount }
        mentioning: articles(filter: { mentions: $entity }) { totalCount }
        entity(id: $entity) { articles { totalCount edges { cursor } } quotes { totalCount edges { cursor } } }
      }`,
      { entity: entityId },
    );
    expect(data.articles.totalCount).toBe(1);
    expect(data.articles.edges.map((e) => e.node.title)).toEqual(['Les Etats-Unis acceptent de retirer leurs soldats du Niger']);
    expect(data.quotes.totalCount).toBe(8);
    expect(data.mentioning.totalCount).toBe(0);
    expect(data.entity).toEqual({ articles: { totalCount: 0, edges: [] }, quotes: { totalCount: 0, edges: [] } });
  });

  it('hide their quotes', async () => {
    for (const id of quoteIds) {
      const data = await server.client().request<Record<string, unknown>>(gql`query ($id: ID!) { quote(id: $id) { id } node(id: $id) { id } }`, { id });
      expect(data).toEqual({ quote: null, node: null });
    }
  });
});
