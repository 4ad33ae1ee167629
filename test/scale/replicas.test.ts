import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { freePort } from '../support/processes.js';
import { authHeader } from '../support/tokens.js';
import { copyDatabase, postgresDatabase, seedPostgres, type PostgresDatabase } from '../support/postgres.js';

const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const TITLE = `query Title($slug: String!) { article(slug: $slug, locale: FR) { id title version } }`;

type Article = { id: string; title: string; version: number };

/** Marks the seed article's French title in one database only, so an answer tells which database served it. */
async function retitle(db: PostgresDatabase, title: string) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE "ArticleTranslation" SET title = $1 WHERE locale = 'FR' AND "articleId" = (SELECT id FROM "Article" WHERE slug = $2)`,
      [title, SLUG],
    );
    expect(rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

/** The seeded database every primary and replica of this file is copied from (migrating is the slow part). */
let source: PostgresDatabase;
beforeAll(async () => {
  source = await postgresDatabase('depeche_source');
  await seedPostgres(source.url);
});
afterAll(() => source?.drop());

/**
 * DATABASE_REPLICA_URLS on real PostgreSQL: the primary and two "replicas" are copies of one seeded database
 * (CREATE DATABASE … TEMPLATE), each with a title changed in it alone, so every answer says which
 * database served it.
 */
describe('read replicas', () => {
  let primary: PostgresDatabase;
  let replicas: PostgresDatabase[] = [];
  let server: TestServer;
  let primaryTitle: string;

  beforeAll(async () => {
    primary = await copyDatabase(source, 'depeche_primary');
    replicas = [await copyDatabase(source), await copyDatabase(source)];
    await retitle(replicas[0]!, 'Servi par la réplique 1');
    await retitle(replicas[1]!, 'Servi par la réplique 2');
    server = await startTestServer({ DATABASE_URL: primary.url, DATABASE_REPLICA_URLS: replicas.map((r) => r.url).join(',') });
  });
  afterAll(async () => {
    await server?.close();
    for (const db of [primary, ...replicas]) await db?.drop();
  });

  const read = (headers: Record<string, string> = {}) =>
    server
      .client(headers)
      .request<{ article: Article }>(TITLE, { slug: SLUG })
      .then((d) => d.article);

  it('sends anonymous reads to the replicas, in turn', async () => {
    const titles = new Set<string>();
    for (let i = 0; i < 4; i++) titles.add((await read()).title);
    expect([...titles].sort()).toEqual(['Servi par la réplique 1', 'Servi par la réplique 2']);
  });

  it("sends a reader token's reads to the replicas too", async () => {
    expect((await read(await authHeader(server, 'READER'))).title).toMatch(/^Servi par la réplique/);
  });

  it("sends editors' reads to the primary", async () => {
    const editor = await authHeader(server, 'EDITOR');
    for (let i = 0; i < 3; i++) expect((await read(editor)).title).not.toMatch(/réplique/);
    primaryTitle = (await read(editor)).title;
  });

  it('writes to the primary, where the editor reads their own write at once; replicas only see what replication brings', async () => {
    const editor = await authHeader(server, 'EDITOR');
    const before = await read(editor);
    const UPDATE = `mutation U($id: ID!, $v: Int!) { updateArticle(id: $id, expectedVersion: $v, input: { title: "Titre corrigé par la rédaction" }) { title version } }`;
    const { updateArticle } = await server.client(editor).request<{ updateArticle: Article }>(UPDATE, { id: before.id, v: before.version });
    expect(updateArticle.title).toBe('Titre corrigé par la rédaction');
    expect(await read(editor)).toMatchObject({ title: 'Titre corrigé par la rédaction', version: before.version + 1 });
    // These replicas are frozen copies: the anonymous reader keeps getting what they hold.
    expect((await read()).title).toMatch(/^Servi par la réplique/);
    expect(primaryTitle).not.toBe('Titre corrigé par la rédaction');
  });

  it('is ready while the primary answers', async () => {
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
  });
});

describe('a replica that cannot be reached', () => {
  let primary: PostgresDatabase;
  let server: TestServer;
  beforeAll(async () => {
    primary = await copyDatabase(source, 'depeche_primary');
    // Nothing listens on a port just found free: the replica is down.
    server = await startTestServer({ DATABASE_URL: primary.url, DATABASE_REPLICA_URLS: `postgresql://postgres@127.0.0.1:${await freePort()}/gone` });
  });
  afterAll(async () => {
    await server?.close();
    await primary?.drop();
  });

  it('fails anonymous reads with SERVICE_UNAVAILABLE, serves editors, and stays ready (the primary answers)', async () => {
    const errors = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(TITLE, { slug: SLUG }));
    expect(errors.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(errors[0]!.message).not.toMatch(/127\.0\.0\.1|gone|ECONNREFUSED/);
    const editor = await authHeader(server, 'EDITOR');
    expect((await server.client(editor).request<{ article: Article }>(TITLE, { slug: SLUG })).article.title).toBeTruthy();
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
  });
});

describe('without replicas', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('reads everything from the one database', async () => {
    const anonymous = await server.client().request<{ article: Article }>(TITLE, { slug: SLUG });
    const editor = await server.client(await authHeader(server, 'EDITOR')).request<{ article: Article }>(TITLE, { slug: SLUG });
    expect(anonymous.article.title).toBe(editor.article.title);
    expect(server.running.db.reader()).toBe(server.prisma);
  });
});
