import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../support/server.js';
import { QUERY_LIMITS } from '../../src/server/limits.js';
import { WALKS } from '../../src/server/query-measure.js';

/**
 * Query limits as a client meets them: every over-limit request is refused with HTTP 400 and
 * QUERY_TOO_COMPLEX (or BAD_USER_INPUT for a page size) in its language, before any SQL runs;
 * the realistic operations pass.
 */

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

async function post(server: TestServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const MOBILE_FEED =
  '{ articles(first: 20, locale: EN) { edges { node { title lede dateLabel mentions { count entity { name typeLabel } } quotes { text speaker { name } } } } } }';

/** The operations clients really send; each must stay well under every limit. */
const REALISTIC: [string, string][] = [
  ['the mobile feed', MOBILE_FEED],
  ['the mobile feed, 100 per page', MOBILE_FEED.replace('first: 20', 'first: 100')],
  [
    'Apollo Sandbox introspection',
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  ],
  [
    'README: an article',
    '{ article(slug: "les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger", locale: FR) { id title dateLabel locale isFallback quotes { text attribution speaker { name } } mentions { count entity { name typeLabel } } } }',
  ],
  [
    'README: the feed',
    '{ articles(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id slug title dateLabel locale isFallback agency availableLocales } } } }',
  ],
  [
    'README: an entity',
    '{ entity(id: "RW50aXR5OjIw", locale: FR) { id name locale isFallback type typeLabel description aliases wikidataId articles(first: 1) { totalCount edges { node { title locale } } } } }',
  ],
  [
    'README: search',
    '{ search(query: "soldats américains", first: 2) { totalCount edges { node { kind matchedLocale snippet ... on ArticleHit { article { title locale } } } } } }',
  ],
  ['README: entity lookup', '{ entities(first: 3, locale: EN, filter: { name: "etats unis" }) { totalCount edges { node { name type } } } }'],
  [
    'a deep but real path (9 levels)',
    '{ article(slug: "les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger") { mentions { entity { articles(first: 5) { edges { node { quotes { speaker { name } } } } } } } } }',
  ],
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('realistic operations', () => {
  it.each(REALISTIC)('%s is served', async (_name, query) => {
    const { status, body } = await post(server, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

const deep = (levels: number) => {
  // article → mentions → entity → articles → edges → node → mentions → …, ending on `id`.
  const cycle = ['mentions', 'entity', 'articles(first: 1)', 'edges', 'node'];
  const names = ['article(slug: "x")'];
  while (names.length < levels - 1) names.push(cycle[(names.length - 1) % cycle.length]!);
  const last = names.at(-1)!;
  return (
    '{ ' +
    names.map((n) => `${n} { `).join('') +
    (last === 'entity' || last === 'node' || last.startsWith('article(') ? 'id' : last === 'mentions' ? 'count' : last === 'edges' ? 'cursor' : 'totalCount') +
    ' }'.repeat(names.length) +
    ' }'
  );
};

/** One over-limit document per limit, each just past the default. */
const OVER: [string, string, number][] = [
  ['characters', `{ __typename }${' '.repeat(QUERY_LIMITS.CHARACTERS)}`, QUERY_LIMITS.CHARACTERS + 14],
  ['tokens', `{ ${'a '.repeat(QUERY_LIMITS.TOKENS)}}`, QUERY_LIMITS.TOKENS + 1],
  ['depth', deep(QUERY_LIMITS.DEPTH + 1), QUERY_LIMITS.DEPTH + 1],
  ['aliases', `{ ${Array.from({ length: QUERY_LIMITS.ALIASES + 1 }, (_, i) => `a${i}: __typename`).join(' ')} }`, QUERY_LIMITS.ALIASES + 1],
  ['directives', `{ locales { ${'code @include(if: true) '.repeat(QUERY_LIMITS.DIRECTIVES + 1)}} }`, QUERY_LIMITS.DIRECTIVES + 1],
];

describe('each limit', () => {
  it('lets the deepest allowed document through', async () => {
    const { status, body } = await post(server, deep(QUERY_LIMITS.DEPTH));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it.each(OVER)('%s: refused with QUERY_TOO_COMPLEX, HTTP 400, no data, no SQL', async (limit, query, actual) => {
    const { result, statements } = await server.countStatements(() => post(server, query, {}, { 'accept-language': 'en' }));
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]!.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit,
      max: QUERY_LIMITS[limit.toUpperCase() as keyof typeof QUERY_LIMITS],
      actual,
    });
    expect(statements).toBe(0);
  });

  it('cost: a page of pages is refused before any SQL, and says how much it would cost', async () => {
    const query = '{ articles(first: 100) { edges { node { mentions { entity { articles(first: 100) { edges { node { title } } } } } } } } }';
    const { result, statements } = await server.countStatements(() => post(server, query, {}, { 'accept-language': 'en' }));
    expect(result.status).toBe(400);
    const [error] = result.body.errors!;
    expect(error!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.COST });
    expect(error!.extensions!.actual).toBeGreaterThan(QUERY_LIMITS.COST);
    expect(error!.message).toBe(
      `The query would cost ${String(error!.extensions!.actual)}; the limit is ${QUERY_LIMITS.COST}: ask for smaller pages (first) or fewer nested lists.`,
    );
    expect(statements).toBe(0);
  });

  it('cost follows `first` given in variables', async () => {
    const query = 'query ($n: Int) { articles(first: $n) { edges { node { mentions { entity { articles(first: $n) { edges { node { title } } } } } } } } }';
    expect((await post(server, query, { n: 2 })).status).toBe(200);
    const { status, body } = await post(server, query, { n: 60 });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('depth counts through fragments', async () => {
    const query = `query { ...Q } fragment Q on Query { article(slug: "x") { ...A } }
      fragment A on Article { mentions { entity { articles { edges { node { mentions { entity { articles { edges { node { dateline { name } } } } } } } } } } } }`;
    const { status, body } = await post(server, query);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', actual: 13 });
  });

  it.each([
    ['French by default', {}, `La requête utilise ${QUERY_LIMITS.ALIASES + 1} alias ; la limite est de ${QUERY_LIMITS.ALIASES}.`],
    [
      'English for Accept-Language: en-GB',
      { 'accept-language': 'en-GB' },
      `The query uses ${QUERY_LIMITS.ALIASES + 1} aliases; the limit is ${QUERY_LIMITS.ALIASES}.`,
    ],
  ])('speaks the language of the request: %s', async (_lang, headers, message) => {
    const { body } = await post(server, OVER[3]![1], {}, headers);
    expect(body.errors![0]!.message).toBe(message);
  });

  it('refuses an oversized query sent with GET too, in the language of the request', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent(OVER[1]![1])}`, {
      headers: { 'accept-language': 'fr', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.errors![0]).toEqual({
      message: `La requête compte plus de ${QUERY_LIMITS.TOKENS} éléments (noms, ponctuation, valeurs) : découpez-la en plusieurs requêtes.`,
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: QUERY_LIMITS.TOKENS, actual: QUERY_LIMITS.TOKENS + 1 },
    });
  });
});

/** `query { ...F0 }`, each of F0..F(levels-1) spreading the next one `spreads` times, the last one `{ __typename }`. */
const fanOut = (levels: number, spreads: number) =>
  [
    'query { ...F0 }',
    ...Array.from({ length: levels }, (_, k) => `fragment F${k} on Query { ${`...F${k + 1} `.repeat(spreads)}}`),
    `fragment F${levels} on Query { __typename }`,
  ].join(' ');

/** Walks done while `fn` ran (the counters of src/server/query-measure.ts; the server runs in this process). */
async function walksDuring<T>(fn: () => Promise<T>) {
  const before = { ...WALKS };
  const result = await fn();
  return {
    result,
    documents: WALKS.documents - before.documents,
    operations: WALKS.operations - before.operations,
    fragments: WALKS.fragments - before.fragments,
  };
}

// Four measures walk fragments (depth, aliases, directives, cost): each may walk a fragment once.
const MEASURES = 4;

describe('fragment fan-out', () => {
  it('the 731-character document of issue 17 is measured with each fragment walked once per measure, and /health answers meanwhile', async () => {
    const query = fanOut(8, 10);
    expect(query).toHaveLength(731);
    const health = fetch(`${server.origin}/health`);
    const { result, fragments, documents } = await walksDuring(() => post(server, query, {}, { 'accept-language': 'en' }));
    expect((await health).status).toBe(200);
    // 10^8 spread paths, each costing 1: refused on cost without walking them.
    expect(result.status).toBe(400);
    expect(result.body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.COST, actual: 10 ** 8 });
    expect(documents).toBe(1);
    expect(fragments).toBeLessThanOrEqual(MEASURES * 9);
  });

  it('a fan-out that stays under the cost is answered normally', async () => {
    const { result, fragments } = await walksDuring(() => post(server, fanOut(3, 10)));
    expect(result.body).toEqual({ data: { __typename: 'Query' } });
    expect(fragments).toBeLessThanOrEqual(MEASURES * 4);
  });

  it('generated fragment graphs: each answered or refused as too complex, each fragment walked at most once per measure', async () => {
    // Fragments F0..Fn-1 on Query; each holds a field or an aliased one and spreads later fragments, some several times.
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.record({
            field: fc.constantFrom('__typename', 'locales { code }', 'l: locales { name }', 'articles(first: 3) { totalCount }'),
            spreads: i + 1 < n ? fc.array(fc.integer({ min: i + 1, max: n - 1 }), { maxLength: 6 }) : fc.constant([] as number[]),
          }),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(graph, async (fragments) => {
        const query = [
          'query { ...F0 }',
          ...fragments.map((f, i) => `fragment F${i} on Query { ${f.field} ${f.spreads.map((j) => `...F${j}`).join(' ')} }`),
        ].join('\n');
        const { result, fragments: walked } = await walksDuring(() => post(server, query));
        const reached = new Set([0]);
        for (const [i, f] of fragments.entries()) if (reached.has(i)) for (const j of f.spreads) reached.add(j);
        if (reached.size < fragments.length) {
          // A fragment no one spreads is a validation error, before any limit.
          expect(result.body.errors![0]!.message).toMatch(/is never used/);
          return;
        }
        if (result.status === 400) expect(result.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
        else expect(result.body.data).toMatchObject({});
        expect(walked).toBeLessThanOrEqual(MEASURES * fragments.length);
      }),
      { numRuns: 40 },
    );
  });
});

describe('measured once per document', () => {
  it('a repeated document is not walked again; new values of the variables that matter are costed once each, others not at all', async () => {
    const query = `query ($n: Int, $q: String!) { search(query: $q, first: $n) { totalCount } articles(first: $n) { edges { node { title } } } }`;
    const first = await walksDuring(() => post(server, query, { n: 3, q: 'niger' }));
    expect(first.result.status).toBe(200);
    expect([first.documents, first.operations]).toEqual([1, 1]);
    const again = await walksDuring(() => post(server, query, { n: 3, q: 'soldats' }));
    expect(again.result.status).toBe(200);
    expect([again.documents, again.operations, again.fragments]).toEqual([0, 0, 0]);
    const otherPage = await walksDuring(() => post(server, query, { n: 4, q: 'niger' }));
    expect([otherPage.documents, otherPage.operations]).toEqual([0, 1]);
  });

  it('a refused document is refused again without a walk, with the same error', async () => {
    const query = fanOut(6, 10);
    const first = await walksDuring(() => post(server, query, {}, { 'accept-language': 'fr' }));
    const again = await walksDuring(() => post(server, query, {}, { 'accept-language': 'en' }));
    expect([again.documents, again.operations, again.fragments]).toEqual([0, 0, 0]);
    expect(first.result.body.errors![0]!.extensions).toEqual(again.result.body.errors![0]!.extensions);
    expect(first.result.body.errors![0]!.message).toMatch(/^La requête coûterait/);
    expect(again.result.body.errors![0]!.message).toMatch(/^The query would cost/);
  });

  it('a page size error keeps the language of the request it answers', async () => {
    const query = 'query ($n: Int) { articles(first: $n) { totalCount } }';
    const fr = await post(server, query, { n: 0 }, { 'accept-language': 'fr' });
    const en = await walksDuring(() => post(server, query, { n: 0 }, { 'accept-language': 'en' }));
    expect(en.operations).toBe(0);
    expect(fr.body.errors![0]!.message).toBe('« first » doit être compris entre 1 et 100 (reçu : 0).');
    expect(en.result.body.errors![0]!.message).toBe('"first" must be between 1 and 100 (got 0).');
  });
});

describe('page sizes on every connection', () => {
  it.each([
    ['articles, literal', '{ articles(first: 0) { totalCount } }', {}, ['articles']],
    ['entities, variable', 'query ($n: Int) { entities(first: $n) { totalCount } }', { n: 101 }, ['entities']],
    ['quotes, variable default', 'query ($n: Int = 1000) { quotes(first: $n) { totalCount } }', {}, ['quotes']],
    ['search', '{ search(query: "niger", first: -1) { totalCount } }', {}, ['search']],
    [
      'Entity.articles, nested and aliased',
      '{ entities(first: 1) { edges { node { a: articles(first: 500) { totalCount } } } } }',
      {},
      ['entities', 'edges', 'node', 'a'],
    ],
    ['Entity.quotes', '{ entities(first: 1) { edges { node { quotes(first: 0) { totalCount } } } } }', {}, ['entities', 'edges', 'node', 'quotes']],
  ])('%s: BAD_USER_INPUT naming "first", before any SQL', async (_name, query, variables, path) => {
    const { result, statements } = await server.countStatements(() => post(server, query, variables, { 'accept-language': 'en' }));
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]).toMatchObject({ path, extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    expect(result.body.errors![0]!.message).toMatch(/^"first" must be between 1 and 100 \(got -?\d+\)\.$/);
    expect(statements).toBe(0);
  });

  it('speaks the language of the locale argument', async () => {
    const { body } = await post(server, '{ entities(first: 0, locale: FR) { totalCount } }', {}, { 'accept-language': 'en' });
    expect(body.errors![0]!.message).toBe('« first » doit être compris entre 1 et 100 (reçu : 0).');
  });
});

describe('configuration', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ QUERY_MAX_DEPTH: '3', QUERY_MAX_COST: '50' });
  });
  afterAll(() => strict?.close());

  it('QUERY_MAX_DEPTH and QUERY_MAX_COST replace the defaults', async () => {
    const depth = await post(strict, '{ articles(first: 1) { edges { node { title } } } }');
    expect(depth.body.errors![0]!.extensions).toMatchObject({ limit: 'depth', max: 3, actual: 4 });
    const cost = await post(strict, '{ articles(first: 30) { totalCount pageInfo { hasNextPage } } }');
    expect(cost.body.errors![0]!.extensions).toMatchObject({ limit: 'cost', max: 50 });
    expect((await post(strict, '{ articles(first: 3) { totalCount } }')).status).toBe(200);
  });
});

describe('HTTP requests', () => {
  it('refuses a batch (a JSON array of operations)', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
    // In the server's default language (test/api/messages.test.ts has both).
    expect(await res.json()).toEqual({
      errors: [{ message: "Une seule opération par requête : un tableau JSON d'opérations (un lot) n'est pas accepté.", extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('suggests field names outside production', async () => {
    const { status, body } = await post(server, '{ articls { totalCount } }');
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toContain('Did you mean "article" or "articles"?');
  });
});
