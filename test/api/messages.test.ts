import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { post, persisted } from '../support/http.js';

/** Every message in the caller's language: Apollo's own refusals, mutations' `locale`, conflicts. */
let server: TestServer;
let editor: Record<string, string>;
let reader: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  editor = await authHeader(server, 'EDITOR');
  reader = await authHeader(server, 'READER');
});
afterAll(() => server?.close());

type Errors = { errors: { message: string; extensions: Record<string, unknown> }[] };
const firstError = async (res: Response) => ((await res.json()) as Errors).errors[0]!;
const lang = (l: 'fr' | 'en') => ({ 'accept-language': l });

describe("Apollo's own refusals", () => {
  const REFUSALS = [
    {
      what: 'a batch',
      send: (h: Record<string, string>) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: JSON.stringify([{ query: '{ __typename }' }]) }),
      fr: "Une seule opération par requête : un tableau JSON d'opérations (un lot) n'est pas accepté.",
      en: 'One operation per request: a JSON array of operations (a batch) is not accepted.',
    },
    {
      what: 'an empty JSON body',
      send: (h: Record<string, string>) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: '{}' }),
      fr: 'La requête n\'a pas de corps GraphQL : envoyez par POST du JSON {"query": …} avec Content-Type: application/json.',
      en: 'The request has no GraphQL body: POST JSON {"query": …} with Content-Type: application/json.',
    },
    {
      what: 'a GET without a CSRF preflight header',
      send: (h: Record<string, string>) => fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: h }),
      fr: "Requête refusée comme possible falsification de requête intersite (CSRF) : envoyez Content-Type: application/json, ou avec un GET l'en-tête apollo-require-preflight: true.",
      en: 'Refused as a possible cross-site request forgery (CSRF): send Content-Type: application/json, or with a GET the header apollo-require-preflight: true.',
    },
    {
      what: 'a body with an empty query',
      send: (h: Record<string, string>) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: JSON.stringify({ query: '' }) }),
      fr: 'La requête ne contient pas de requête GraphQL : envoyez un « query » non vide, ou une extension persistedQuery.',
      en: 'The request has no query: send a non-empty "query", or a persistedQuery extension.',
    },
    {
      what: 'a mutation over GET',
      send: (h: Record<string, string>) =>
        fetch(`${server.url}?query=${encodeURIComponent('mutation { revokeApiToken(id: "1") { id } }')}`, {
          headers: { 'apollo-require-preflight': 'true', ...h },
        }),
      fr: 'Une opération mutation ne peut pas être envoyée en GET : utilisez POST.',
      en: 'A mutation cannot be sent with GET: use POST.',
    },
  ];

  it.each(REFUSALS)('$what: BAD_REQUEST in French and in English', async ({ send, fr, en }) => {
    const french = await firstError(await send(lang('fr')));
    expect(french).toEqual({ message: fr, extensions: { code: 'BAD_REQUEST' } });
    const english = await firstError(await send(lang('en')));
    expect(english).toEqual({ message: en, extensions: { code: 'BAD_REQUEST' } });
    // No Accept-Language: the server default (French).
    expect((await firstError(await send({}))).message).toBe(fr);
  });

  it('keeps an unlisted Apollo message in extensions.detail under the generic localized one', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...lang('en') },
      body: JSON.stringify({ query: '{ __typename }', variables: '{}' }),
    });
    expect(res.status).toBe(400);
    expect(await firstError(res)).toEqual({
      message: 'Invalid request: send one GraphQL operation as JSON {"query": …}.',
      extensions: { code: 'BAD_REQUEST', detail: '`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.' },
    });
  });
});

describe('PersistedQueryNotFound', () => {
  const QUERY = '{ locales { code } }';

  it('keeps the message clients match on, and explains it in the caller’s language', async () => {
    for (const [l, text] of [
      ['fr', 'Ce serveur ne connaît pas (encore) la requête de cette empreinte : renvoyez la même requête avec le texte de la requête.'],
      ['en', 'This server does not know the query of this hash (yet): send the same request again with the query text.'],
    ] as const) {
      const answer = await post(server.url, { extensions: persisted(`${QUERY} # ${l}`) }, lang(l));
      expect(answer.body.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', localizedMessage: text } }]);
    }
  });

  it("lets Apollo Client's PersistedQueryLink retry with the text, then send the hash alone", async () => {
    const bodies: string[] = [];
    const recording: typeof fetch = (input, init) => {
      bodies.push(String(init?.body));
      return fetch(input, init);
    };
    const link = new PersistedQueryLink({ sha256: (text: string) => createHash('sha256').update(text).digest('hex') }).concat(
      new HttpLink({ uri: server.url, fetch: recording, headers: lang('fr') }),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const query = gql`query Locales { locales { code } }`;
    const { data } = await client.query({ query, fetchPolicy: 'network-only' });
    expect(data).toEqual({
      locales: [
        { __typename: 'LocaleInfo', code: 'FR' },
        { __typename: 'LocaleInfo', code: 'EN' },
      ],
    });
    // The hash alone (unknown), then hash and text; the next time the hash alone is enough.
    expect(bodies.map((b) => 'query' in JSON.parse(b))).toEqual([false, true]);
    await client.query({ query, fetchPolicy: 'network-only' });
    expect(bodies.map((b) => 'query' in JSON.parse(b))).toEqual([false, true, false]);
  });
});

describe('a mutation answers in its locale argument', () => {
  const CREATE = 'mutation ($locale: Locale) { createArticle(locale: $locale, input: { sourceLocale: FR, title: "", body: [] }) { id } }';

  it.each([
    ['EN', 'fr', '"input.title" cannot be empty.'],
    ['FR', 'en', '« input.title » ne peut pas être vide.'],
  ])('validation: locale: %s wins over Accept-Language %s', async (locale, header, message) => {
    const answer = await post(server.url, { query: CREATE, variables: { locale } }, { ...editor, ...lang(header as 'fr' | 'en') });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each([
    ['EN', 'fr', 'You are not allowed to perform this operation.', 'FORBIDDEN'],
    ['FR', 'en', "Vous n'avez pas les droits nécessaires pour cette opération.", 'FORBIDDEN'],
  ])('FORBIDDEN for a reader: locale: %s wins over Accept-Language %s', async (locale, header, message, code) => {
    const answer = await post(server.url, { query: CREATE, variables: { locale } }, { ...reader, ...lang(header as 'fr' | 'en') });
    expect(answer.body.errors).toEqual([expect.objectContaining({ message, extensions: { code } })]);
  });

  it('UNAUTHENTICATED for an anonymous caller, in its locale argument too', async () => {
    const answer = await post(server.url, { query: CREATE, variables: { locale: 'EN' } }, lang('fr'));
    expect(answer.body.errors![0]).toMatchObject({
      message: 'Authentication required: send the Authorization: Bearer <token> header.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('conflict messages name what changed, in each language with its grammar', () => {
  const run = (query: string, variables: Record<string, unknown>, l: 'fr' | 'en') => post(server.url, { query, variables }, { ...editor, ...lang(l) });

  it('says which record changed: article, quote, entity', async () => {
    const created = await run(
      'mutation { createArticle(input: { sourceLocale: FR, title: "Conflit de versions", body: [{ kind: TEXT, text: "Texte." }] }) { id version } }',
      {},
      'fr',
    );
    const article = (created.body.data as { createArticle: { id: string; version: number } }).createArticle;
    const added = await run(
      'mutation ($a: ID!, $v: Int!) { addQuote(article: $a, expectedVersion: $v, input: { locale: FR, text: "Une citation" }) { id version } }',
      { a: article.id, v: article.version },
      'fr',
    );
    expect(added.body.errors).toBeUndefined();
    const quote = (added.body.data as { addQuote: { id: string; version: number } }).addQuote;
    const entity = (
      (await run('mutation { createEntity(input: { type: OTHER, translations: [{ locale: FR, name: "Entité en conflit" }] }) { id version } }', {}, 'fr')).body
        .data as { createEntity: { id: string; version: number } }
    ).createEntity;

    const stale = [
      [
        'mutation ($id: ID!) { updateArticle(id: $id, expectedVersion: 99, input: { title: "x" }) { id } }',
        article.id,
        "L'article a été modifié",
        'The article was changed',
      ],
      [
        'mutation ($id: ID!) { updateQuote(id: $id, expectedVersion: 99, input: { text: "x" }) { id } }',
        quote.id,
        'La citation a été modifiée',
        'The quote was changed',
      ],
      [
        'mutation ($id: ID!) { updateEntity(id: $id, expectedVersion: 99, input: { type: PLACE }) { id } }',
        entity.id,
        "L'entité a été modifiée",
        'The entity was changed',
      ],
    ] as const;
    for (const [query, id, fr, en] of stale) {
      const french = await run(query, { id }, 'fr');
      expect(french.body.errors![0]!.extensions!.code).toBe('CONFLICT');
      expect(french.body.errors![0]!.message).toMatch(
        new RegExp(`^${fr} entre-temps \\(version actuelle : \\d+, vous aviez la version 99\\) : rechargez-(le|la) avant d'enregistrer\\.$`),
      );
      const english = await run(query, { id }, 'en');
      expect(english.body.errors![0]!.message).toMatch(
        new RegExp(`^${en} in the meantime \\(current version \\d+, you had version 99\\): reload it before saving\\.$`),
      );
    }
  });
});
