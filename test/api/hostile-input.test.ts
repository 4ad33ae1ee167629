import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { get, post, persisted, type HttpAnswer } from '../support/http.js';

/**
 * Input an attacker would try, each answered as the README promises: null for an id that names
 * nothing, else one BAD_USER_INPUT naming the argument, in the caller's language, and never an
 * error line in the log (issue 17, item 3).
 */

const LANGUAGES = ['fr', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const base64 = (text: string) => Buffer.from(text).toString('base64');
const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const BEYOND_INT = 2 ** 31;

let server: TestServer;
let editor: Record<string, string>;
const logs: string[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { logger: pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) }) });
  editor = await authHeader(server, 'EDITOR');
});
afterAll(async () => {
  await server?.close();
});

const ask = (body: Record<string, unknown>, language: Language, headers: Record<string, string> = {}) =>
  post(server.url, body, { 'accept-language': language, ...headers });

/** The one error of a refused request: BAD_USER_INPUT naming `argument`, its message in `language`. */
function expectRefused(answer: HttpAnswer, argument: string, language: Language, message: Record<Language, RegExp>) {
  const context = JSON.stringify(answer.body);
  expect(answer.body.errors, context).toHaveLength(1);
  const [error] = answer.body.errors!;
  expect(error!.extensions, context).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  expect(error!.message, context).toMatch(message[language]);
  expect(answer.status, context).toBeLessThan(500);
}

const NUL_MESSAGE = { fr: /caractère nul/, en: /NUL character/ };
const DATE_MESSAGE = { fr: /entre l'an 1000 et l'an 9999/, en: /between the years 1000 and 9999/ };
const CURSOR_MESSAGE = { fr: /Le curseur « after » est invalide/, en: /The cursor "after" is invalid/ };
const ID_MESSAGE = { fr: /n'est pas un identifiant valide/, en: /is not a valid id/ };
const APQ_MESSAGE = { fr: /requête persistée/, en: /persisted query/ };

describe.each(LANGUAGES)('hostile input (%s)', (language) => {
  describe('global ids beyond a database integer', () => {
    it.each([
      ['article', `{ article(id: "${base64(`Article:${BEYOND_INT}`)}") { id } }`],
      ['node', `{ node(id: "${base64(`Article:${BEYOND_INT}`)}") { id } }`],
      ['quote', `{ quote(id: "${base64(`Quote:${BEYOND_INT}`)}") { id } }`],
      ['entity', `{ entity(id: "${base64(`Entity:${BEYOND_INT}`)}") { id } }`],
      ['entity (a 20-digit id)', `{ entity(id: "${base64('Entity:99999999999999999999')}") { id } }`],
    ])('%s answers null, as for any unknown id', async (field, query) => {
      const answer = await ask({ query }, language);
      expect(answer.body).toEqual({ data: { [field.split(' ')[0]!]: null } });
    });
    it('is the documented example of the issue', async () => {
      expect(base64(`Article:${BEYOND_INT}`)).toBe('QXJ0aWNsZToyMTQ3NDgzNjQ4');
    });

    it.each([
      ['articles', 'filter.mentions', (id: string) => `{ articles(filter: { mentions: "${id}" }) { totalCount } }`, 'Entity'],
      ['articles', 'filter.speaker', (id: string) => `{ articles(filter: { speaker: "${id}" }) { totalCount } }`, 'Entity'],
      ['quotes', 'filter.article', (id: string) => `{ quotes(filter: { article: "${id}" }) { totalCount } }`, 'Article'],
      ['quotes', 'filter.speaker', (id: string) => `{ quotes(filter: { speaker: "${id}" }) { totalCount } }`, 'Entity'],
      ['search', 'filter.mentions', (id: string) => `{ search(query: "niger", filter: { mentions: "${id}" }) { totalCount } }`, 'Entity'],
    ])('in %s(%s) is BAD_USER_INPUT naming the filter', async (_field, argument, query, kind) => {
      expectRefused(await ask({ query: query(base64(`${kind}:${BEYOND_INT}`)) }, language), argument, language, ID_MESSAGE);
    });

    it('in a mutation is BAD_USER_INPUT naming the argument', async () => {
      const query = `mutation { publishArticle(id: "${base64(`Article:${BEYOND_INT}`)}", expectedVersion: 1) { id } }`;
      expectRefused(await ask({ query }, language, editor), 'id', language, ID_MESSAGE);
    });
  });

  describe('crafted cursors', () => {
    it.each([
      ['a year 0 date', 'articles', ['article', '0000-01-01', 1]],
      ['an id beyond a database integer', 'articles', ['article', '2024-01-01T00:00:00.000Z', BEYOND_INT]],
      ['a quote id beyond a database integer', 'quotes', ['quote', BEYOND_INT]],
      ['an id of 0', 'quotes', ['quote', 0]],
      ['a date of year 10000', 'articles', ['article', '+010000-01-01T00:00:00.000Z', 1]],
    ])('%s in `after` is BAD_USER_INPUT', async (_what, field, key) => {
      const answer = await ask({ query: `{ ${field}(first: 2, after: "${cursor(key)}") { totalCount } }` }, language);
      expectRefused(answer, 'after', language, CURSOR_MESSAGE);
    });
  });

  describe('dates outside the years 1000 to 9999', () => {
    it('as a literal filter', async () => {
      const answer = await ask({ query: '{ articles(filter: { publishedAfter: "0000-01-01T00:00:00Z" }) { totalCount } }' }, language);
      expectRefused(answer, 'filter.publishedAfter', language, DATE_MESSAGE);
    });
    it('as a variable', async () => {
      const query = 'query ($f: SearchFilter) { search(query: "niger", filter: $f) { totalCount } }';
      const answer = await ask({ query, variables: { f: { publishedBefore: '0999-12-31T23:59:59Z' } } }, language);
      expectRefused(answer, 'filter.publishedBefore', language, DATE_MESSAGE);
    });
    it('in a mutation', async () => {
      const query = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }`;
      const input = { sourceLocale: 'FR', title: 'Une date', body: [{ kind: 'TEXT', text: 'Texte.' }], publishedAt: '0001-01-01T00:00:00Z' };
      expectRefused(await ask({ query, variables: { input } }, language, editor), 'input.publishedAt', language, DATE_MESSAGE);
    });
  });

  describe('NUL characters', () => {
    it('in article(slug:)', async () => {
      expectRefused(await ask({ query: '{ article(slug: "\\u0000") { id } }' }, language), 'slug', language, NUL_MESSAGE);
    });

    it('through a variable in a fragment; the same document with a clean value is served', async () => {
      const query = 'query ($s: String) { ...F } fragment F on Query { article(slug: $s) { id } }';
      expectRefused(await ask({ query, variables: { s: 'x\u0000' } }, language), 'slug', language, NUL_MESSAGE);
      expect((await ask({ query, variables: { s: 'x' } }, language)).body).toEqual({ data: { article: null } });
    });

    const article = { sourceLocale: 'FR', title: 'Titre', body: [{ kind: 'TEXT', text: 'Texte.' }] };
    const entity = (name: string, aliases: string[] = []) => ({ type: 'PERSON', translations: [{ locale: 'FR', name, aliases }] });
    it.each([
      ['an article title', 'createArticle', 'CreateArticleInput', { ...article, title: 'Ti\u0000tre' }, 'input.title'],
      [
        'a paragraph',
        'createArticle',
        'CreateArticleInput',
        {
          ...article,
          body: [
            { kind: 'TEXT', text: 'a' },
            { kind: 'TEXT', text: '\u0000' },
          ],
        },
        'input.body[1].text',
      ],
      ['an agency', 'createArticle', 'CreateArticleInput', { ...article, agency: 'AFP\u0000' }, 'input.agency'],
      ['an entity name', 'createEntity', 'CreateEntityInput', entity('Nom\u0000'), 'input.translations[0].name'],
      ['an alias', 'createEntity', 'CreateEntityInput', entity('Nom', ['ok', 'al\u0000ias']), 'input.translations[0].aliases[1]'],
      ['an import text', 'importDispatch', 'ImportDispatchInput', { locale: 'FR', text: 'NIAMEY (AFP) - Texte\u0000.' }, 'input.text'],
    ])('in %s', async (_what, mutation, type, input, argument) => {
      const query = `mutation ($input: ${type}!) { ${mutation}(input: $input) { __typename } }`;
      expectRefused(await ask({ query, variables: { input } }, language, editor), argument, language, NUL_MESSAGE);
    });
    it('in a token name', async () => {
      const query = 'mutation { createApiToken(name: "jeton\\u0000", role: READER) { secret } }';
      expectRefused(await ask({ query }, language, editor), 'name', language, NUL_MESSAGE);
    });
  });

  describe('automatic persisted queries', () => {
    const query = '{ articles(first: 1) { totalCount } }';
    it.each([
      ['a hash that does not match the text', { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }],
      ['version 2', { query, extensions: { persistedQuery: { ...persisted(query).persistedQuery, version: 2 } } }],
      ['a persistedQuery that is not an object', { query, extensions: { persistedQuery: 'yes' } }],
      ['a hash that is not a string', { extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } }],
    ])('%s is BAD_USER_INPUT', async (_what, body) => {
      expectRefused(await ask(body, language), 'extensions.persistedQuery', language, APQ_MESSAGE);
    });
    it('over GET too', async () => {
      const answer = await get(
        server.url,
        { query, extensions: { persistedQuery: { version: 2, sha256Hash: 'f'.repeat(64) } } },
        { 'accept-language': language },
      );
      expectRefused(answer, 'extensions.persistedQuery', language, APQ_MESSAGE);
    });
    it('still serves a hash that matches', async () => {
      const answer = await ask({ query, ...{ extensions: persisted(query) } }, language);
      expect(answer.body.errors).toBeUndefined();
    });
  });
});

it('logged no error line for any of it', () => {
  expect(logs.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((l) => l.level >= 50)).toEqual([]);
});
