import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { createArticle } from '../support/fixtures.js';
import { nigerUsTroops } from '../../src/seed/data/afp-2024-04-niger-us-troops.js';

const ARTICLES = gql`
  query Articles($first: Int, $after: String) {
    articles(first: $first, after: $after, locale: EN) {
      totalCount
      edges { cursor node { id title publishedAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
const ENTITIES = gql`
  query Entities($first: Int, $after: String) {
    entities(first: $first, after: $after) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
  }
`;

interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage?: boolean; startCursor?: string | null; endCursor: string | null };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // Two share a date: the id breaks the tie, so no page boundary can skip or repeat one.
  for (let i = 0; i < 25; i++) {
    await createArticle(server.prisma, { titles: { EN: `Dispatch ${i}` }, publishedAt: new Date(Date.UTC(2024, 6, 1 + Math.min(i, 23))) });
  }
});
afterAll(() => server?.close());

async function walk<T>(query: string, key: string, first: number): Promise<{ nodes: T[]; pages: Page<T>[] }> {
  const pages: Page<T>[] = [];
  let after: string | null = null;
  do {
    const data: Record<string, Page<T>> = await server.client().request(query, { first, after });
    pages.push(data[key]!);
    after = data[key]!.pageInfo.hasNextPage ? data[key]!.pageInfo.endCursor : null;
  } while (after);
  return { nodes: pages.flatMap((p) => p.edges.map((e) => e.node)), pages };
}

describe('articles pages', () => {
  it('walk every published article once, newest first', async () => {
    const { nodes, pages } = await walk<{ id: string; publishedAt: string }>(ARTICLES, 'articles', 7);
    expect(nodes).toHaveLength(26);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(26);
    const dates = nodes.map((n) => n.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(pages.map((p) => p.edges.length)).toEqual([7, 7, 7, 5]);
    expect(pages.every((p) => p.totalCount === 26)).toBe(true);
    expect(pages[0]!.pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: pages[0]!.edges[0]!.cursor });
    expect(pages[1]!.pageInfo.hasPreviousPage).toBe(true);
  });

  it('default to 20 items', async () => {
    const { articles } = await server.client().request<{ articles: Page<unknown> }>(ARTICLES, {});
    expect(articles.edges).toHaveLength(20);
    expect(articles.pageInfo.hasNextPage).toBe(true);
  });

  it('end with an empty page after the last cursor', async () => {
    const { articles } = await server.client().request<{ articles: Page<unknown> }>(ARTICLES, { first: 100 });
    const last = await server.client().request<{ articles: Page<unknown> }>(ARTICLES, { after: articles.pageInfo.endCursor });
    expect(last.articles).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('the statement of a page', () => {
  // The row counts the statements read: a LIMIT written in the text (inline) or a bound take (an
  // entity's pages, batched). 7 rows asked for, 8 read to see whether more follow.
  const boundNumbers = async (query: string) => {
    const { sql, params } = await server.countStatements(() => server.client().request(query));
    const limits = sql.flatMap((q) => [...q.matchAll(/LIMIT (\d+)/g)].map((m) => Number(m[1])));
    return [...limits, ...params.flat(2).filter((p) => typeof p === 'number')];
  };

  it('reads one row past the page only when the request selects hasNextPage', async () => {
    const { entities } = await server.client().request<{ entities: Page<{ id: string }> }>(gql`{ entities(first: 1) { edges { node { id } } } }`);
    const entity = entities.edges[0]!.node.id;
    const lists = [
      (more: string) => `{ articles(first: 7, locale: EN) { edges { node { title } } ${more} } }`,
      (more: string) => `{ quotes(first: 7) { edges { node { text } } ${more} } }`,
      (more: string) => `{ entity(id: "${entity}") { articles(first: 7) { edges { node { title } } ${more} } quotes(first: 7) { edges { cursor } ${more} } } }`,
    ];
    for (const list of lists) {
      for (const more of ['', 'pageInfo { endCursor hasPreviousPage }']) {
        const numbers = await boundNumbers(list(more));
        expect(numbers).toContain(7);
        expect(numbers).not.toContain(8);
      }
      expect(await boundNumbers(list('pageInfo { hasNextPage }'))).toContain(8);
    }
  });

  it('says whether another page follows through fragments and aliases', async () => {
    const query = gql`
      query { page: articles(first: 25) { ...Paging } }
      fragment Paging on ArticleConnection { info: pageInfo { more: hasNextPage } }
    `;
    const { page } = await server.client().request<{ page: { info: { more: boolean } } }>(query);
    expect(page.info.more).toBe(true);
    const { page: all } = await server.client().request<{ page: { info: { more: boolean } } }>(query.replace('25', '100'));
    expect(all.info.more).toBe(false);
  });
});

describe('entities pages', () => {
  it('walk every seed entity once', async () => {
    const { nodes } = await walk<{ id: string }>(ENTITIES, 'entities', 10);
    expect(nodes).toHaveLength(nigerUsTroops.entities.length);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nigerUsTroops.entities.length);
  });
});

describe('bad paging arguments', () => {
  it.each([0, -1, 101, 1000])('refuse first: %i with BAD_USER_INPUT naming the argument', async (first) => {
    const [error] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(ARTICLES, { first }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    expect(error!.message).toBe(`"first" must be between 1 and 100 (got ${first}).`);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of nonsense', Buffer.from('hello').toString('base64url')],
    ['a forged key', Buffer.from(JSON.stringify(['article', 'yesterday', 1])).toString('base64url')],
    ['an overlong string', 'A'.repeat(5000)],
  ])('refuse %s as a cursor, in the caller’s language', async (_what, after) => {
    const [fr] = await graphqlErrors(server.client().request(ENTITIES, { after }));
    expect(fr).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    expect(fr!.message).toMatch(/^Le curseur « after » est invalide/);
  });

  it('refuse a cursor of another list, in the language of the locale argument', async () => {
    const { entities } = await server.client().request<{ entities: Page<unknown> }>(ENTITIES, { first: 1 });
    const [error] = await graphqlErrors(server.client({ 'accept-language': 'fr' }).request(ARTICLES, { after: entities.pageInfo.endCursor }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    expect(error!.message).toMatch(/^The cursor "after" is invalid/);
  });
});
