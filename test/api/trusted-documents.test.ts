import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { buildSchema } from '../../src/schema/build-schema.js';
import { PARSED, trustedDocuments } from '../../src/server/trusted-documents.js';

/** TRUSTED_DOCUMENTS: anonymous and reader requests run the listed documents only; editors run any. */
const FEED = 'query Feed($first: Int!) { articles(first: $first, locale: EN) { edges { node { title } } } }';
const LOCALES = '{ locales { code } }';
const OTHER = '{ articles(first: 1) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const dir = mkdtempSync(path.join(os.tmpdir(), 'depeche-trusted-'));
const manifest = (documents: Record<string, string>) => {
  const file = path.join(dir, `${Object.keys(documents).join('-').slice(0, 20) || 'empty'}-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(documents));
  return file;
};

let server: TestServer;
let editor: Record<string, string>;
let reader: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ TRUSTED_DOCUMENTS: manifest({ [sha256(FEED)]: FEED, [sha256(LOCALES)]: LOCALES }) });
  editor = await authHeader(server, 'EDITOR');
  reader = await authHeader(server, 'READER');
});
afterAll(() => server?.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions: { code: string } }[] } };
}

const notInList = (lang: 'fr' | 'en') =>
  lang === 'fr' ? /^Ce serveur n'exécute que les opérations de sa liste/ : /^This server only runs its listed operations/;

describe('trusted documents', () => {
  it('runs a listed document sent by its text, without parsing or validating it', async () => {
    const before = PARSED.documents;
    const answer = await post({ query: FEED, variables: { first: 2 } });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ articles: { edges: [{ node: { title: expect.any(String) } }] } });
    expect((await post({ query: LOCALES })).body.data).toEqual({ locales: [{ code: 'FR' }, { code: 'EN' }] });
    expect(PARSED.documents - before).toBe(0);
  });

  it('runs a listed document sent by its hash alone, never registered before (persisted query)', async () => {
    const answer = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(LOCALES) } } });
    expect(answer).toEqual({ status: 200, body: { data: { locales: [{ code: 'FR' }, { code: 'EN' }] } } });
  });

  it('runs a listed document sent by its documentId', async () => {
    for (const documentId of [`sha256:${sha256(FEED)}`, sha256(FEED)]) {
      const answer = await post({ documentId, variables: { first: 1 } });
      expect(answer.status).toBe(200);
      expect(answer.body.data?.articles).toBeDefined();
    }
  });

  it.each(['fr', 'en'] as const)('refuses any other document from anonymous callers, in their language (%s)', async (lang) => {
    const answer = await post({ query: OTHER }, { 'accept-language': lang });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(answer.body.errors![0]!.message).toMatch(notInList(lang));
  });

  it('refuses a listed document with one character changed', async () => {
    const answer = await post({ query: `${LOCALES} `, variables: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('refuses other documents from readers, and does not register them as persisted queries', async () => {
    const hash = sha256(OTHER);
    const registered = await post({ query: OTHER, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, reader);
    expect(registered.status).toBe(400);
    expect(registered.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it("runs any document with an editor's token (parsed and validated as usual), still refused to others afterwards", async () => {
    const unlisted = '{ editorsOnly: articles(first: 1) { totalCount } }';
    const before = PARSED.documents;
    const answer = await post({ query: unlisted }, editor);
    expect(answer).toEqual({ status: 200, body: { data: { editorsOnly: { totalCount: 1 } } } });
    expect(PARSED.documents - before).toBe(1);
    expect((await post({ query: unlisted })).status).toBe(400);
  });

  it("leaves the server's own operations alone: the ninjs routes still answer anonymous callers", async () => {
    const res = await fetch(`${server.origin}/ninjs/articles/les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger?lang=en`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { language: string; headlines: { value: string }[] };
    expect(body.language).toBe('en');
    expect(body.headlines[0]!.value).toEqual(expect.any(String));
  });

  it('refuses to start on a manifest whose key is not the hash of its document, or whose document is not valid', () => {
    const schema = buildSchema();
    const start = (documents: Record<string, string>) => () => trustedDocuments(manifest(documents), schema, { introspection: 'on' });
    expect(start({ [sha256(FEED)]: LOCALES })).toThrow(/is not the SHA-256/);
    expect(start({ [sha256('{ nope }')]: '{ nope }' })).toThrow(/is not valid against the schema: Cannot query field "nope"/);
    expect(start({ [sha256('{')]: '{' })).toThrow(/does not parse/);
    const introspection = '{ __schema { queryType { name } } }';
    expect(() => trustedDocuments(manifest({ [sha256(introspection)]: introspection }), schema, { introspection: 'off' })).toThrow(/not valid/);
  });
});
