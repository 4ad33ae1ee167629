import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createEntity, globalIdOf } from '../support/fixtures.js';
import { postgresDatabase, seedPostgres, type PostgresDatabase } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Read statements prepared on PostgreSQL (DB_PREPARED_STATEMENTS, default 100): after five runs
 * of a statement PostgreSQL may switch to a generic plan, made without the parameters' values.
 * Every document is sent often enough for that, and must answer as a server that prepares nothing,
 * on the same database; so must a server whose cap is reached at the first statement.
 */
const ARTICLE_FIELDS =
  'id slug title lede dateLabel availableLocales isFallback mentions { count entity { id name typeLabel wikidataId } } quotes { text originalText speaker { name } }';
const DOCUMENTS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'feed in English', query: `{ articles(first: 20, locale: EN) { edges { cursor node { ${ARTICLE_FIELDS} } } pageInfo { hasNextPage endCursor } } }` },
  { name: 'feed in French, page of 3', query: `{ articles(first: 3, locale: FR) { edges { node { ${ARTICLE_FIELDS} dateline { name } } } } }` },
  {
    name: 'an article by slug',
    query: `query ($slug: String!) { article(slug: $slug, locale: EN) { ${ARTICLE_FIELDS} body { kind text } } }`,
    variables: { slug: 'chronique-7' },
  },
  {
    name: 'an entity page',
    query: `query ($id: ID!) { entity(id: $id, locale: EN) { name description articles(first: 5) { edges { node { title } } } quotes(first: 5) { edges { node { text } } } } }`,
  },
  {
    name: 'a search',
    query: '{ search(query: "chronique", locale: FR, first: 10) { totalCount edges { node { kind ... on ArticleHit { article { title } } } } } }',
  },
  { name: 'quotes', query: '{ quotes(first: 10, locale: EN) { edges { node { text speaker { name } article { title } } } } }' },
];

let db: PostgresDatabase;
let prepared: TestServer;
let unprepared: TestServer;
let capped: TestServer;
let speakerId: string;

beforeAll(async () => {
  db = await postgresDatabase();
  await seedPostgres(db.url);
  [prepared, unprepared, capped] = await Promise.all([
    startTestServer({ DATABASE_URL: db.url }),
    startTestServer({ DATABASE_URL: db.url, DB_PREPARED_STATEMENTS: '0' }),
    startTestServer({ DATABASE_URL: db.url, DB_PREPARED_STATEMENTS: '1' }),
  ]);
  const speaker = await createEntity(prepared.prisma, { FR: 'Témoin', EN: 'Witness' });
  speakerId = globalIdOf('Entity', speaker.id);
  for (let i = 0; i < 12; i++) {
    const article = await createArticle(prepared.prisma, {
      titles: i % 3 === 0 ? { FR: `Chronique ${i}` } : { FR: `Chronique ${i}`, EN: `Chronicle ${i}` },
      publishedAt: new Date(Date.UTC(2024, 2, 1 + i)),
      quotes: [{ speakerId: speaker.id, texts: { FR: `Propos ${i}`, EN: `Remark ${i}` } }],
      mentions: [{ entityId: speaker.id, count: i + 1 }],
    });
    await prepared.prisma.article.update({ where: { id: article.id }, data: { slug: `chronique-${i}` } });
  }
});
afterAll(async () => {
  await Promise.all([prepared?.close(), unprepared?.close(), capped?.close()]);
  await db?.drop();
});

async function answer(server: TestServer, { query, variables }: (typeof DOCUMENTS)[number]) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { id: speakerId, ...variables } }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('prepared read statements', () => {
  it.each(DOCUMENTS)('answer $name as unprepared ones do, run after run', async (document) => {
    const expected = await answer(unprepared, document);
    expect(expected.status).toBe(200);
    expect(expected.body).not.toHaveProperty('errors');
    for (let run = 0; run < 8; run++) {
      expect(await answer(prepared, document)).toEqual(expected);
      expect(await answer(capped, document)).toEqual(expected);
    }
  });
});
