import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { createArticle, globalIdOf } from '../../support/fixtures.js';
import { authHeader } from '../../support/tokens.js';
import { revokeTokens } from '../../../src/auth/token.service.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createDatabase, dropDatabase, onPostgres, uniqueName, urlFor } from '../../support/databases.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startServer } from '../../../src/server/start.js';

const PUBLISH = gql`mutation ($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { id version } }`;
const DRAFT_READS = gql`
  query ($id: ID!, $slug: String!, $entity: ID!) {
    byId: article(id: $id) { title }
    bySlug: article(slug: $slug) { title }
    node(id: $id) { id }
    articles(first: 100) { edges { node { title } } }
    entity(id: $entity) { articles { edges { node { title } } } }
  }
`;

let server: TestServer;
let draft: { id: string; slug: string; entity: string };
beforeAll(async () => {
  server = await startTestServer();
  const entity = await server.prisma.entity.findUniqueOrThrow({ where: { key: 'agadez' } });
  const row = await createArticle(server.prisma, { titles: { FR: 'Brouillon confidentiel' }, status: 'DRAFT', mentions: [{ entityId: entity.id, count: 1 }] });
  draft = { id: globalIdOf('Article', row.id), slug: row.slug, entity: globalIdOf('Entity', entity.id) };
});
afterAll(() => server?.close());

describe('mutations', () => {
  it('refuse anonymous callers with UNAUTHENTICATED, in their language', async () => {
    const [fr] = await graphqlErrors(server.client().request(PUBLISH, { id: draft.id, v: 1 }));
    expect(fr).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(fr!.message).toMatch(/Authentification requise/);
    const [en] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(PUBLISH, { id: draft.id, v: 1 }));
    expect(en!.message).toMatch(/Authentication required/);
  });

  it('check the token before the input: an anonymous caller with bad input is told it needs a token', async () => {
    const [error] = await graphqlErrors(server.client().request(PUBLISH, { id: draft.id, v: 0 }));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const [invalid] = await graphqlErrors(server.client(await authHeader(server)).request(PUBLISH, { id: draft.id, v: 0 }));
    expect(invalid).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'expectedVersion' } });
  });

  it('refuse reader tokens with FORBIDDEN', async () => {
    const [error] = await graphqlErrors(server.client(await authHeader(server, 'READER')).request(PUBLISH, { id: draft.id, v: 1 }));
    expect(error).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuse mutations over GET', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent('mutation { publishArticle(id: "x", expectedVersion: 1) { id } }')}`, {
      headers: { ...(await authHeader(server)), 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
  });
});

describe('tokens', () => {
  it('fail the request with 401 when unknown or malformed, rather than reading as anonymous', async () => {
    for (const authorization of ['Bearer dpc_not-a-real-token', 'Basic abc', 'Bearer']) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ locales { code } }' }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('stop working at once when revoked', async () => {
    const name = `revoked-${Date.now()}`;
    const headers = await authHeader(server, 'EDITOR', name);
    await expect(server.client(headers).request(gql`{ locales { code } }`)).resolves.toBeTruthy();
    expect(await revokeTokens(server.prisma, name)).toBe(1);
    const [error] = await graphqlErrors(server.client(headers).request(gql`{ locales { code } }`));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are kept only as hashes', async () => {
    const headers = await authHeader(server, 'EDITOR', 'hash-check');
    const secret = headers.authorization!.slice('Bearer '.length);
    const stored = await server.prisma.apiToken.findFirstOrThrow({ where: { name: 'hash-check' } });
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.startsWith(stored.prefix)).toBe(true);
  });
});

describe('drafts', () => {
  it('are invisible to readers on every path', async () => {
    const data = await server.client().request<Record<string, unknown>>(DRAFT_READS, draft);
    expect(data).toMatchObject({ byId: null, bySlug: null, node: null });
    expect(JSON.stringify(data)).not.toContain('Brouillon confidentiel');
  });

  it('can be listed and searched by status, by editors only', async () => {
    const query = gql`{
      drafts: articles(filter: { status: [DRAFT] }) { edges { node { title } } }
      published: articles(filter: { status: [PUBLISHED] }) { totalCount }
      found: search(query: "confidentiel", filter: { status: [DRAFT] }) { edges { node { kind } } }
    }`;
    const editor = await server
      .client(await authHeader(server))
      .request<{ drafts: { edges: { node: { title: string } }[] }; published: { totalCount: number }; found: { edges: unknown[] } }>(query);
    expect(editor.drafts.edges.map((e) => e.node.title)).toEqual(['Brouillon confidentiel']);
    expect(editor.published.totalCount).toBe(1);
    expect(editor.found.edges).toEqual([{ node: { kind: 'ARTICLE' } }]);
    const reader = await server.client().request<typeof editor>(query);
    expect(reader).toEqual({ drafts: { edges: [] }, published: { totalCount: 1 }, found: { edges: [] } });
  });

  it('are visible to editors on every path, and readers see them once published', async () => {
    const editor = server.client(await authHeader(server));
    const data = await editor.request<{
      byId: { title: string };
      bySlug: { title: string };
      node: { id: string };
      articles: { edges: { node: { title: string } }[] };
      entity: { articles: { edges: { node: { title: string } }[] } };
    }>(DRAFT_READS, draft);
    expect(data.byId.title).toBe('Brouillon confidentiel');
    expect(data.bySlug.title).toBe('Brouillon confidentiel');
    expect(data.node.id).toBe(draft.id);
    expect(data.articles.edges.map((e) => e.node.title)).toContain('Brouillon confidentiel');
    expect(data.entity.articles.edges.map((e) => e.node.title)).toContain('Brouillon confidentiel');

    const { publishArticle } = await editor.request<{ publishArticle: { version: number } }>(PUBLISH, { id: draft.id, v: 1 });
    expect(publishArticle.version).toBe(2);
    const { byId } = await server.client().request<{ byId: { title: string } }>(DRAFT_READS, draft);
    expect(byId.title).toBe('Brouillon confidentiel');
  });

  it('cannot be published twice from the same version (CONFLICT with the current one)', async () => {
    const editor = server.client(await authHeader(server, 'ADMIN'));
    const [error] = await graphqlErrors(editor.request(PUBLISH, { id: draft.id, v: 1 }));
    expect(error).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 } });
  });
});

describe('npm run token', () => {
  // The CLI opens the database itself, like an operator would: give it one of its own (an
  // embedded database folder can be held by one process at a time), then serve that database.
  it('creates, lists and revokes tokens that the server honours', async () => {
    const own = onPostgres ? { DATABASE_URL: await freshDatabase() } : { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'depeche-cli-')) };
    const env = { ...process.env, ...own, LOG_LEVEL: 'silent' };
    const run = (...args: string[]) => promisify(execFile)('node', ['dist/src/auth/token.cli.js', ...args], { env });
    const created = await run('create', '--name', 'cli-editor', '--role', 'editor');
    const secret = created.stdout.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^dpc_/);
    expect((await run('list')).stdout).toMatch(/cli-editor\teditor\tdpc_.*\tactive/);

    const check = async () => {
      const served = await startServer(loadConfig({ ...own, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'never', NODE_ENV: 'test' }), createLogger('silent'));
      try {
        const res = await fetch(served.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: '{"query":"{ locales { code } }"}',
        });
        return res.status;
      } finally {
        await served.close();
      }
    };
    expect(await check()).toBe(200);
    expect((await run('revoke', 'cli-editor')).stdout).toMatch(/revoked 1/);
    expect((await run('list')).stdout).toMatch(/cli-editor\teditor\t.*\trevoked/);
    expect(await check()).toBe(401);
    await expect(run('create', '--name', 'x', '--role', 'king')).rejects.toMatchObject({ code: 2 });
    if (own.DATABASE_URL) await dropDatabase(new URL(own.DATABASE_URL).pathname.slice(1));
  }, 60_000);
});

async function freshDatabase(): Promise<string> {
  const name = uniqueName('depeche_cli');
  await createDatabase(name, inject('templateDatabase')!);
  return urlFor(name);
}
