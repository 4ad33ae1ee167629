import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { schemaFile } from '../../src/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

/**
 * Fuzzing the live server with fast-check: documents built from the schema with random (often
 * wrong) arguments, mangled real queries, random text, oversized documents and variables of the
 * wrong type. Whatever comes in: never an HTTP 5xx, never an INTERNAL_SERVER_ERROR, never an
 * unhandled rejection or uncaught exception, and /health answers afterwards.
 */

const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
const SEED = 20261125;
const IDS = ['QXJ0aWNsZTox', 'RW50aXR5OjIw', 'RW50aXR5OjE', 'UXVvdGU6MQ', 'QXJ0aWNsZTo5OTk5', 'bm9wZQ', '', '💥', 'a'.repeat(300)];
const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const REAL = [
  '{ articles(first: 20, locale: EN) { edges { node { title lede dateLabel mentions { count entity { name typeLabel } } quotes { text speaker { name } } } } } }',
  `{ article(slug: "${SLUG}", locale: FR) { id title dateLabel locale isFallback quotes { text attribution speaker { name } } mentions { count entity { name typeLabel } } } }`,
  '{ articles(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id slug title availableLocales } } } }',
  '{ entity(id: "RW50aXR5OjIw", locale: FR) { id name aliases articles(first: 1) { totalCount edges { node { title locale } } } } }',
  '{ search(query: "soldats américains", first: 2) { totalCount edges { node { kind matchedLocale snippet ... on ArticleHit { article { title } } } } } }',
  '{ entities(first: 3, locale: EN, filter: { name: "etats unis" }) { totalCount edges { node { name type } } } }',
  'query ($id: ID!) { node(id: $id) { id ... on Quote { text speaker { name } } } }',
  'mutation ($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { id version } }',
];
const VOCABULARY = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '@',
  '!',
  '...',
  '"',
  '#',
  '\\',
  'query',
  'mutation',
  'fragment',
  'on',
  '__schema',
  '__typename',
  'null',
  '1e999',
  '-0',
  '"\\u0000"',
  '"\\ud800"',
  'first: 0',
  'first: 100',
  'after: "x"',
  '@skip(if: true)',
  '\u0000',
  '\u2028',
  '𝔘',
];

type Gen = fc.GeneratorValue;
const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })]!;
// An integer draw: fc.double is biased towards extremes, which would make every chance near certain.
const chance = (g: Gen, p: number) => g(fc.integer, { min: 0, max: 999 }) < p * 1000;

/** Any JSON value: the wrong type for most arguments. */
const junk = (g: Gen): unknown => g(fc.jsonValue, { maxDepth: 2 });

const randomString = (g: Gen): string =>
  chance(g, 0.5)
    ? g(fc.string, { unit: pick(g, ['grapheme', 'binary', 'grapheme-ascii'] as const), maxLength: 40 })
    : pick(g, ['Putin', 'Niger', 'soldats', '', ' ', 'x'.repeat(250), '\'; DROP TABLE "Article"; --', '%_\\', '"quoted" OR -x']);

/** A value for `type`: of the right shape when `strict`, else sometimes not. */
function value(g: Gen, type: GraphQLInputType, strict: boolean, depth = 0, nullable = true): unknown {
  if (!strict && chance(g, 0.08)) return junk(g);
  if (isNonNullType(type)) return value(g, type.ofType, strict, depth, false);
  if ((nullable || !strict) && chance(g, 0.1)) return null;
  if (isListType(type)) return Array.from({ length: g(fc.nat, { max: 3 }) }, () => value(g, type.ofType, strict, depth + 1));
  if (isEnumType(type)) return pick(g, type.getValues()).value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (depth < 3 && (isNonNullType(field.type) || chance(g, 0.4))) out[field.name] = value(g, field.type, strict, depth + 1);
    return out;
  }
  switch (type.name) {
    case 'Int':
      return strict ? g(fc.integer, { min: 1, max: 4 }) : pick(g, [g(fc.integer, { min: -5, max: 120 }), g(fc.integer), 2 ** 31, 1.5]);
    case 'Float':
      return g(fc.double, { noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return g(fc.boolean);
    case 'ID':
      return strict ? pick(g, IDS.slice(0, 5)) : chance(g, 0.7) ? pick(g, IDS) : randomString(g);
    case 'DateTime':
      return strict
        ? '2024-04-01T00:00:00Z'
        : pick(g, ['2024-04-01T00:00:00Z', '2024-13-45T99:00:00Z', 'yesterday', '0000-00-00', '+275760-09-13T00:00:00.001Z']);
    default:
      return randomString(g);
  }
}

/** `value` written as a GraphQL literal; enums by name (strings quoted otherwise). */
function literal(v: unknown, type: GraphQLInputType | null): string {
  const named = type ? getNamedType(type) : null;
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    const nullable = type && isNonNullType(type) ? type.ofType : type;
    const item = nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : null;
    return `[${v.map((x) => literal(x, item)).join(', ')}]`;
  }
  if (typeof v === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[_A-Za-z]\w*$/.test(k) ? k : 'bad'}: ${literal(x, fields[k]?.type ?? null)}`)
      .join(', ')} }`;
  }
  if (typeof v === 'string') return named && isEnumType(named) && /^[_A-Za-z]\w*$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '0';
  return String(v);
}

interface Built {
  query: string;
  variables: Record<string, unknown>;
  /** Variables as JSON text, for values too deep for this process's JSON.stringify. */
  rawVariables?: string;
}

/**
 * A document built from the schema: random fields and arguments, some passed as variables. Half
 * are `strict` (valid documents with arguments of the right types, small enough to run); the
 * others take wrong arguments and types, and nest deeper.
 */
function document(g: Gen): Built {
  const strict = chance(g, 0.5);
  const root = chance(g, 0.75) ? schema.getQueryType()! : schema.getMutationType()!;
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  let aliases = 0;

  const args = (field: GraphQLField<unknown, unknown>): string => {
    const given = field.args.filter((a) => isNonNullType(a.type) || chance(g, 0.5));
    if (!strict && chance(g, 0.05)) return '(nope: 1)';
    if (given.length === 0) return '';
    return `(${given
      .map((a) => {
        const v = value(g, a.type, strict);
        if (!chance(g, 0.4)) return `${a.name}: ${literal(v, a.type)}`;
        const name = `v${definitions.length}`;
        definitions.push(`$${name}: ${!strict && chance(g, 0.1) ? 'String' : a.type.toString()}`);
        variables[name] = v;
        return `${a.name}: $${name}`;
      })
      .join(', ')})`;
  };

  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isLeafType(type)) return '';
    const possible = isUnionType(type) ? type.getTypes() : [];
    const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
    const parts: string[] = ['__typename'];
    for (const field of fields) {
      const named = getNamedType(field.type);
      if (!chance(g, isLeafType(named) ? 0.4 : strict ? 0.12 : 0.3)) continue;
      if (!isLeafType(named) && depth >= (strict ? 4 : 6)) continue;
      const alias = chance(g, 0.1) ? `a${aliases++}: ` : '';
      parts.push(`${alias}${field.name}${args(field)}${isLeafType(named) ? '' : ` { ${selection(named, depth + 1)} }`}`);
    }
    if (isInterfaceType(type) || isUnionType(type)) {
      const implementations = isUnionType(type) ? possible : schema.getPossibleTypes(type);
      for (const impl of implementations) if (chance(g, 0.4)) parts.push(`... on ${impl.name} { ${selection(impl as GraphQLObjectType, depth + 1)} }`);
    }
    return parts.join(' ');
  };

  const roots = Object.values(root.getFields());
  const chosen = Array.from({ length: 1 + g(fc.nat, { max: strict ? 1 : 2 }) }, () => pick(g, roots));
  const body = chosen
    .map((field, i) => {
      const named = getNamedType(field.type);
      return `r${i}: ${field.name}${args(field)}${isLeafType(named) ? '' : ` { ${selection(named, 1)} }`}`;
    })
    .join(' ');
  const keyword = root === schema.getMutationType() ? 'mutation' : 'query';
  return { query: `${keyword}${definitions.length ? ` (${definitions.join(', ')})` : ''} { ${body} }`, variables };
}

/** A real query with random edits: characters cut, tokens inserted, pieces repeated. */
function mangled(g: Gen): Built {
  let query = pick(g, REAL);
  for (let edits = 1 + g(fc.nat, { max: 4 }); edits > 0; edits--) {
    const at = g(fc.nat, { max: query.length });
    const kind = g(fc.nat, { max: 3 });
    if (kind === 0) query = query.slice(0, at) + query.slice(at + 1 + g(fc.nat, { max: 10 }));
    else if (kind === 1) query = `${query.slice(0, at)} ${pick(g, VOCABULARY)} ${query.slice(at)}`;
    else if (kind === 2) query = query.slice(0, at) + query.slice(at, at + 30).repeat(1 + g(fc.nat, { max: 50 })) + query.slice(at + 30);
    else query = query.slice(0, at) + g(fc.string, { unit: 'binary', maxLength: 8 }) + query.slice(at);
  }
  return { query, variables: { id: pick(g, IDS), v: g(fc.integer) } };
}

/** Oversized or deeply nested documents, and deeply nested variables. */
function huge(g: Gen): Built {
  const n = pick(g, [50, 500, 5_000, 60_000]);
  switch (g(fc.nat, { max: 5 })) {
    case 0:
      return { query: `{ ${'articles { edges { node { '.repeat(Math.min(n, 3000))}title${' } } }'.repeat(Math.min(n, 3000))} }`, variables: {} };
    case 1:
      return { query: `{ ${Array.from({ length: Math.min(n, 5000) }, (_, i) => `a${i}: __typename`).join(' ')} }`, variables: {} };
    case 2:
      return { query: `{ search(query: "${'x'.repeat(n)}") { totalCount } }`, variables: {} };
    case 3:
      return { query: `{ articles(filter: ${'{ mentions: ['.repeat(Math.min(n, 3000))}${']}'.repeat(Math.min(n, 3000))}) { totalCount } }`, variables: {} };
    case 4:
      return {
        query: 'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
        variables: {},
        rawVariables: `{"f":${'{"mentions":['.repeat(n)}1${']}'.repeat(n)}}`,
      };
    default:
      return { query: `{ __typename ${'@include(if: true) '.repeat(Math.min(n, 3000))}}`, variables: {} };
  }
}

/** Real operations with variables of the wrong type. */
function wrongVariables(g: Gen): Built {
  const query = pick(g, [
    'query ($n: Int, $after: String, $locale: Locale) { articles(first: $n, after: $after, locale: $locale) { totalCount edges { node { id } } } }',
    'query ($id: ID!, $locale: Locale) { entity(id: $id, locale: $locale) { name quotes(first: 2) { totalCount } } }',
    'query ($q: String!, $f: SearchFilter) { search(query: $q, filter: $f) { totalCount } }',
    'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
    'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }',
  ]);
  const variables: Record<string, unknown> = {};
  for (const name of ['n', 'after', 'locale', 'id', 'q', 'f', 'input']) if (chance(g, 0.7)) variables[name] = junk(g);
  return { query, variables };
}

let server: TestServer;
let editor: Record<string, string>;
const problems: unknown[] = [];
const onProblem = (e: unknown) => void problems.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onProblem);
  process.on('uncaughtException', onProblem);
  server = await startTestServer();
  editor = await authHeader(server, 'EDITOR');
});
afterAll(async () => {
  process.off('unhandledRejection', onProblem);
  process.off('uncaughtException', onProblem);
  await server?.close();
});

/** Sends one request the way a client could (POST or GET, any language, with or without a token). */
async function send(g: Gen, { query, variables, rawVariables }: Built): Promise<void> {
  const variablesJson = rawVariables ?? JSON.stringify(variables);
  const headers: Record<string, string> = { 'accept-language': pick(g, ['fr', 'en', 'de', '*', 'en;q=0.x', '']) };
  if (chance(g, 0.3)) Object.assign(headers, editor);
  let res: Response;
  const describe = () => `${JSON.stringify(query.slice(0, 500))} ${variablesJson.slice(0, 500)}`;
  const url = `${server.url}?query=${encodeURIComponent(query.toWellFormed())}&variables=${encodeURIComponent(variablesJson.toWellFormed())}`;
  // GET when the URL fits Node's 16 KB of request headers (past it, Node drops the connection).
  if (chance(g, 0.15) && url.length < 8000) {
    // On a loaded machine a request reusing a keep-alive connection is now and then reset (never the
    // same input twice, never when sent alone: the client's and the server's idle timers race, both
    // late in this one process). That is the connection, not the input: one retry.
    const get = () => fetch(url, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    res = await get()
      .catch(get)
      .catch((e: Error) => {
        throw new Error(`GET failed (${String((e.cause as { code?: string })?.code ?? e.cause)}) for ${describe()}`);
      });
  } else {
    const body = `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`;
    res = await fetch(server.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body }).catch((e: Error) => {
      throw new Error(`POST failed (${String((e.cause as { code?: string })?.code ?? e.cause)}) for ${describe()}`);
    });
  }
  const text = await res.text();
  const context = `${res.status} for ${describe()}\n→ ${text.slice(0, 500)}`;
  expect(res.status, context).toBeLessThan(500);
  expect(text, context).not.toContain('INTERNAL_SERVER_ERROR');
  expect(text, context).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
}

const run = (build: (g: Gen) => Built, numRuns: number) =>
  fc.assert(
    fc.asyncProperty(fc.gen(), async (g) => send(g, build(g))),
    { numRuns, seed: SEED, endOnFailure: true },
  );

describe('fuzzing the live server', () => {
  it('documents built from the schema, with random arguments and variables', () => run(document, 120), 60_000);
  it('real queries with random edits', () => run(mangled, 80), 60_000);
  it('random text as the query', () => run((g) => ({ query: g(fc.string, { unit: 'binary', maxLength: 200 }), variables: junk(g) as never }), 40), 60_000);
  it('huge and deeply nested documents and variables', () => run(huge, 20), 60_000);
  it('variables of the wrong type', () => run(wrongVariables, 60), 60_000);

  it('leaves no unhandled rejection or uncaught exception, and the server healthy', async () => {
    expect(problems).toEqual([]);
    const health = await fetch(`${server.origin}/health`);
    expect(health.status).toBe(200);
    const { articles } = await server.client().request<{ articles: { totalCount: number } }>('{ articles { totalCount } }');
    expect(articles.totalCount).toBeGreaterThan(0);
  });
});
