import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { globalIdOf } from '../support/fixtures.js';
import { expectBenchDocumentsAlike, fillForParity, PARITY_CASES, postAnswer as post, type Answer } from '../support/parity.js';
import { COMPILATIONS } from '../../src/server/compiled-execution.js';

/**
 * graphql-jit (GRAPHQL_JIT=on) against graphql-js (off): two servers on two databases filled the
 * same way answer every benchmark document and others (aliases, fragments, variables, errors,
 * nulls, fallbacks, editors' fields, mutations) with the same body and HTTP status.
 */
let jit: TestServer;
let interpreter: TestServer;
const editors = new Map<TestServer, Record<string, string>>();

/** The same request to both servers, one after the other (mutations change each database the same way). */
async function both(body: unknown, headers: (server: TestServer) => Record<string, string> = () => ({})) {
  const compiled = await post(jit, body, headers(jit));
  const interpreted = await post(interpreter, body, headers(interpreter));
  return { compiled, interpreted };
}

beforeAll(async () => {
  [jit, interpreter] = await Promise.all([startTestServer({ GRAPHQL_JIT: 'on' }), startTestServer({ GRAPHQL_JIT: 'off' })]);
  editors.set(jit, await fillForParity(jit));
  editors.set(interpreter, await fillForParity(interpreter));
});
afterAll(async () => {
  await Promise.all([jit?.close(), interpreter?.close()]);
});

describe('graphql-jit answers as graphql-js does', () => {
  it('on every benchmark document', () => expectBenchDocumentsAlike(jit, interpreter));

  it.each(PARITY_CASES)('$name', async ({ body, editor, headers }) => {
    const { compiled, interpreted } = await both(body, (server) => ({ ...headers, ...(editor ? editors.get(server) : {}) }));
    expect(compiled).toEqual(interpreted);
  });

  it('interprets a document whose variables jit alone refuses, from then on', async () => {
    const body = {
      query: 'mutation Defaulted($input: CreateArticleInput!) { createArticle(input: $input) { mentions { count } } }',
      variables: { input: { sourceLocale: 'FR', title: 'Par défaut', body: [], mentions: [{ entity: globalIdOf('Entity', 1) }] } },
    };
    const before = { ...COMPILATIONS };
    for (let i = 0; i < 2; i++)
      expect(await post(jit, body, editors.get(jit))).toEqual({ status: 200, body: { data: { createArticle: { mentions: [{ count: 1 }] } } } });
    expect({ compiled: COMPILATIONS.documents - before.documents, interpreted: COMPILATIONS.interpreted - before.interpreted }).toEqual({
      compiled: 1,
      interpreted: 1,
    });
  });

  it('keeps codes, localized messages and paths of resolver errors', async () => {
    const { compiled } = await both({ query: '{ ok: articles(first: 1) { totalCount } bad: article(id: "x", slug: "y") { id } }' }, () => ({
      'accept-language': 'fr',
    }));
    const { errors, data } = compiled.body as { data: Record<string, unknown>; errors: { message: string; path: string[]; extensions: { code: string } }[] };
    expect(data.ok).toEqual({ totalCount: 25 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: ['bad'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(errors[0]!.message).toMatch(/^Indiquez soit « id », soit « slug »/);
  });

  it('reports an unexpected failure (a table gone) the same way: masked, with its path and the request id', async () => {
    const rename = (from: string, to: string) =>
      Promise.all([jit, interpreter].map((s) => s.prisma.$executeRawUnsafe(`ALTER TABLE "${from}" RENAME TO "${to}"`)));
    await rename('Quote', 'QuoteAway');
    try {
      const { compiled, interpreted } = await both({ query: '{ article(slug: "chronicle-2") { title quotes { text } } }' }, () => ({
        'accept-language': 'en',
      }));
      const withoutIds = (answer: Answer) => JSON.parse(JSON.stringify(answer).replace(/reference: [\w-]+/g, 'reference: …')) as Answer;
      expect(withoutIds(compiled)).toEqual(withoutIds(interpreted));
      expect(compiled.body).toMatchObject({ errors: [{ path: ['article'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      expect(JSON.stringify(compiled.body)).toMatch(/Internal server error \(reference: [\w-]{36}\)/);
    } finally {
      await rename('QuoteAway', 'Quote');
    }
  });

  it('compiles a document once, whatever the number of requests', async () => {
    const body = { query: 'query Once($n: Int!) { articles(first: $n) { edges { node { slug } } } }', variables: { n: 2 } };
    const before = COMPILATIONS.documents;
    for (const n of [2, 3, 4]) expect((await post(jit, { ...body, variables: { n } })).status).toBe(200);
    expect(COMPILATIONS.documents - before).toBe(1);
  });
});
