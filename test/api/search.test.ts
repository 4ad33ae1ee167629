import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import fc from 'fast-check';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { createArticle, globalIdOf } from '../support/fixtures.js';
import { authHeader } from '../support/tokens.js';
import { lockEntityNames } from '../support/locks.js';
import { onPostgres } from '../support/databases.js';
import { QUERY_LIMITS, SEARCH as SEARCH_LIMITS } from '../../src/server/limits.js';

const SEARCH = gql`
  query Search($query: String!, $locale: Locale, $first: Int, $after: String, $filter: SearchFilter) {
    search(query: $query, locale: $locale, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          __typename kind rank matchedLocale snippet snippetLocale
          ... on ArticleHit { article { id title locale isFallback } }
          ... on QuoteHit { quote { id text locale } }
          ... on EntityHit { entity { id name locale } }
        }
      }
    }
  }
`;

interface Hit {
  __typename: 'ArticleHit' | 'QuoteHit' | 'EntityHit';
  kind: string;
  rank: number;
  matchedLocale: string;
  snippet: string;
  snippetLocale: string;
  article?: { id: string; title: string; locale: string; isFallback: boolean };
  quote?: { id: string; text: string; locale: string };
  entity?: { id: string; name: string; locale: string };
}
interface SearchData {
  search: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Hit }[] };
}

const SEED_FR = 'Les Etats-Unis acceptent de retirer leurs soldats du Niger';
const SEED_EN = 'US agrees to withdraw troops from Niger';

let server: TestServer;
let putinOnly: string;
let newer: string;
let older: string;
const run = (vars: Record<string, unknown>, headers: Record<string, string> = {}) =>
  server
    .client(headers)
    .request<SearchData>(SEARCH, vars)
    .then((d) => d.search);
const hits = async (vars: Record<string, unknown>, headers?: Record<string, string>) => (await run(vars, headers)).edges.map((e) => e.node);
const articleTitles = async (vars: Record<string, unknown>) =>
  (await hits({ ...vars, filter: { kinds: ['ARTICLE'], ...(vars.filter as object) } })).map((h) => h.article!.title);

beforeAll(async () => {
  server = await startTestServer();
  const putin = await server.prisma.entity.findUniqueOrThrow({ where: { key: 'vladimir-putin' } });
  // French only, and its text says "Poutine": only the entity link can answer an English "Putin".
  putinOnly = globalIdOf(
    'Article',
    (
      await createArticle(server.prisma, {
        titles: { FR: 'Le chef du Kremlin reçoit une délégation sahélienne' },
        publishedAt: new Date('2024-06-10T00:00:00Z'),
        mentions: [{ entityId: putin.id, count: 2 }],
      })
    ).id,
  );
  // Same words, different dates: recency breaks the tie.
  older = (
    await createArticle(server.prisma, { titles: { EN: 'Quinoa harvest <script>alert(1)</script> record' }, publishedAt: new Date('2023-01-01T00:00:00Z') })
  ).id.toString();
  newer = (
    await createArticle(server.prisma, { titles: { EN: 'Quinoa harvest <script>alert(1)</script> record' }, publishedAt: new Date('2025-01-01T00:00:00Z') })
  ).id.toString();
});
afterAll(() => server?.close());

describe('stemming and accents', () => {
  it.each([
    ['soldat', 'FR'],
    ['soldats', 'FR'],
    ['securite', 'FR'],
    ['SÉCURITÉ', 'FR'],
    ['etats-unis', 'FR'],
    ['withdrawing', 'EN'],
    ['withdraw', 'EN'],
    ['troop', 'EN'],
  ])('"%s" finds the seed article through its %s text', async (query, matched) => {
    const found = (await hits({ query, filter: { kinds: ['ARTICLE'] } })).find((h) => h.article!.title === SEED_FR);
    expect(found).toMatchObject({ __typename: 'ArticleHit', kind: 'ARTICLE', matchedLocale: matched });
  });
});

describe('across languages', () => {
  it('serves a French match in English when asked, and says which language matched', async () => {
    const [hit] = await hits({ query: 'retrait des troupes', locale: 'EN', filter: { kinds: ['ARTICLE'] } });
    expect(hit).toMatchObject({ matchedLocale: 'FR', article: { title: SEED_EN, locale: 'EN', isFallback: false } });
  });

  it('highlights the match in the served language', async () => {
    const [hit] = await hits({ query: 'soldats', locale: 'FR', filter: { kinds: ['ARTICLE'] } });
    expect(hit!.snippet).toContain('<mark>soldats</mark>');
    expect(hit!.snippetLocale).toBe('FR');
    const [en] = await hits({ query: 'troops', locale: 'EN', filter: { kinds: ['ARTICLE'] } });
    expect(en).toMatchObject({ matchedLocale: 'EN', snippetLocale: 'EN' });
    expect(en!.snippet).toContain('<mark>troops</mark>');
  });

  it.each([
    ['securite', /<mark>sécurité<\/mark>/i],
    ['espace aérien', /<mark>espace<\/mark> <mark>aérien<\/mark>/i],
    ['Poutine', /<mark>Poutine<\/mark>/],
  ])('marks a match found only in the other language: "%s" served in English', async (query, marked) => {
    const found = await hits({ query, locale: 'EN', filter: { kinds: ['ARTICLE'] } });
    const seed = found.find((h) => h.article?.title === SEED_EN);
    expect(seed).toMatchObject({ matchedLocale: 'FR', snippetLocale: 'FR', article: { locale: 'EN' } });
    expect(seed!.snippet).toMatch(marked);
  });

  it('finds the French text saying "Poutine" from the English name "Putin"', async () => {
    const found = await hits({ query: 'Putin', locale: 'EN' });
    const article = found.find((h) => h.article?.id === putinOnly);
    expect(article).toMatchObject({ matchedLocale: 'EN', article: { locale: 'FR', isFallback: true } });
    expect(found.find((h) => h.kind === 'ENTITY')).toMatchObject({ entity: { name: 'Vladimir Putin', locale: 'EN' } });
  });

  it('finds entities by a misspelt name in either language', async () => {
    const [first] = await hits({ query: 'Vladimir Poutin', locale: 'FR', filter: { kinds: ['ENTITY'] } });
    expect(first).toMatchObject({ kind: 'ENTITY', entity: { name: 'Vladimir Poutine' } });
  });
});

describe('quotes', () => {
  it('are hits of their own, served in the requested language', async () => {
    const found = await hits({ query: 'contrôle total', locale: 'EN', filter: { kinds: ['QUOTE'] } });
    expect(found).toHaveLength(1);
    // Both versions match ("contrôle total", "total control") and rank alike: the one served is named.
    expect(found[0]).toMatchObject({ __typename: 'QuoteHit', matchedLocale: 'EN', quote: { locale: 'EN' } });
    const french = await hits({ query: 'contrôle total', locale: 'FR', filter: { kinds: ['QUOTE'] } });
    expect(french[0]).toMatchObject({ __typename: 'QuoteHit', matchedLocale: 'FR', quote: { locale: 'FR' } });
    expect(found[0]!.quote!.text).toMatch(/control/);
  });
});

describe('query syntax', () => {
  it('supports phrases', async () => {
    expect(await articleTitles({ query: '"lutte antijihadiste"' })).toEqual([SEED_FR]);
    expect(await articleTitles({ query: '"antijihadiste lutte"' })).toEqual([]);
  });

  it('supports -exclusion and OR', async () => {
    expect(await articleTitles({ query: 'Niger -Washington' })).toEqual([]);
    expect(await articleTitles({ query: 'Niger -quinoa' })).toEqual([SEED_FR]);
    expect(await articleTitles({ query: 'quinoa OR soldats', locale: 'FR' })).toHaveLength(3);
  });

  it('ranks by relevance, then the newer first', async () => {
    const found = await hits({ query: 'quinoa', filter: { kinds: ['ARTICLE'] } });
    expect(found.map((h) => h.article!.id)).toEqual([globalIdOf('Article', Number(newer)), globalIdOf('Article', Number(older))]);
    expect(found[0]!.rank).toBe(found[1]!.rank);
  });

  it('escapes markup in snippets', async () => {
    const [hit] = await hits({ query: 'quinoa', filter: { kinds: ['ARTICLE'] } });
    expect(hit!.snippet).toContain('&lt;script&gt;');
    expect(hit!.snippet).not.toContain('<script>');
  });
});

describe('filters', () => {
  it('keep only the kinds asked for', async () => {
    const kinds = new Set((await hits({ query: 'Niger', first: 100, filter: { kinds: ['QUOTE', 'ENTITY'] } })).map((h) => h.kind));
    expect([...kinds].sort()).toEqual(['ENTITY', 'QUOTE']);
  });

  it('narrow by date range, mentioned entity, speaker and language', async () => {
    const { entities } = await server
      .client()
      .request<{ entities: { edges: { node: { id: string; name: string } }[] } }>(gql`{ entities(first: 100) { edges { node { id name } } } }`);
    const id = (name: string) => entities.edges.find((e) => e.node.name === name)!.node.id;
    expect(await articleTitles({ query: 'Niger', filter: { publishedAfter: '2024-05-01T00:00:00Z' } })).toEqual([]);
    expect(await articleTitles({ query: 'Niger', filter: { publishedAfter: '2024-04-01T00:00:00Z', publishedBefore: '2024-05-01T00:00:00Z' } })).toEqual([
      SEED_FR,
    ]);
    expect(await articleTitles({ query: 'Niger', filter: { mentions: id('Agadez') } })).toEqual([SEED_FR]);
    expect(await articleTitles({ query: 'Niger', filter: { mentions: id('Vladimir Poutine') } })).toEqual([SEED_FR]);
    expect(await articleTitles({ query: 'Niger', filter: { speaker: id('Vladimir Poutine') } })).toEqual([]);
    expect(await articleTitles({ query: 'Kremlin', filter: { availableIn: 'EN' } })).toEqual([]);
    expect(await articleTitles({ query: 'Kremlin', filter: { availableIn: 'FR' } })).toHaveLength(1);
    const quotes = await hits({ query: 'doter', filter: { speaker: id('Radio Télévision du Niger') } });
    // The quote RTN said, and the article quoting RTN.
    expect(quotes.map((h) => h.kind).sort()).toEqual(['ARTICLE', 'QUOTE']);
    expect(await hits({ query: 'doter', filter: { speaker: id('Vladimir Poutine') } })).toEqual([]);
  });
});

describe('pages', () => {
  it('walk every hit once, with a constant total', async () => {
    const all = await run({ query: 'Niger', first: 100 });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: SearchData['search'] = await run({ query: 'Niger', first: 3, after });
      expect(page.totalCount).toBe(all.totalCount);
      seen.push(...page.edges.map((e) => `${e.node.kind}:${e.node.article?.id ?? e.node.quote?.id ?? e.node.entity?.id}`));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(all.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('cost one SQL statement, plus one per kind of hit on the page, whatever its size, for anonymous callers and editors', async () => {
    const editor = await authHeader(server);
    for (const first of [2, 20]) {
      const count = async (headers: Record<string, string>) => {
        const { result, statements } = await server.countStatements(() => run({ query: 'Niger', first }, headers));
        return { statements, kinds: new Set(result.edges.map((e) => e.node.kind)).size };
      };
      const anonymous = await count({});
      expect(anonymous.statements).toBe(1 + anonymous.kinds);
      // An editor: the token lookup, then the same.
      const asEditor = await count(editor);
      expect(asEditor.statements).toBe(2 + asEditor.kinds);
    }
  });
});

describe('bad and hostile input', () => {
  it.each([[''], ['   '], ['\u0000\n\t']])('refuses an empty query %j, in the caller’s language', async (query) => {
    const [fr] = await graphqlErrors(server.client().request(SEARCH, { query }));
    expect(fr).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'query' } });
    expect(fr!.message).toMatch(/est vide/);
    const [en] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(SEARCH, { query }));
    expect(en!.message).toMatch(/is empty/);
  });

  it('refuses a query over 200 characters', async () => {
    const [error] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(SEARCH, { query: 'a'.repeat(201) }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'query' } });
    expect(error!.message).toBe('The search "query" is longer than 200 characters.');
  });

  it.each([
    ['operators', '& | ! : * ( ) <-> <2>'],
    ['unbalanced quotes', '"retrait des'],
    ['backslashes', 'C:\\Windows\\ \\\\'],
    ['SQL', '\'; DROP TABLE "Article"; --'],
    ['LIKE wildcards', '%_%'],
    ['emoji', '🇳🇪 🪖 soldats'],
    ['only stop words', 'le la les the of'],
    ['a NUL byte', 'soldats\u0000'],
  ])('searches %s as text', async (_what, query) => {
    const result = await run({ query });
    expect(result.totalCount).toBe(result.edges.length);
    expect(await server.prisma.article.count()).toBeGreaterThan(0);
  });

  it('answers any string with hits or BAD_USER_INPUT, never another error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 220 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })),
        async (query) => {
          try {
            const result = await run({ query, first: 5 });
            expect(result.edges.length).toBeLessThanOrEqual(5);
          } catch (e) {
            const errors = await graphqlErrors(Promise.reject(e));
            expect(errors.map((x) => x.extensions?.code)).toEqual(['BAD_USER_INPUT']);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('what a search may cost', () => {
  it('counts a repeated word once: a word typed 100 times finds what it finds once', async () => {
    const once = await run({ query: 'soldats', first: 5 });
    const repeated = await run({ query: 'soldats '.repeat(24).trim(), first: 5 });
    expect(repeated).toEqual(once);
    const orRepeated = await run({ query: 'soldats OR soldats OR Niger OR OR', first: 5 });
    expect(orRepeated).toEqual(await run({ query: 'soldats OR Niger', first: 5 }));
  });

  it('refuses more than 10 distinct words, naming the argument, in the caller’s language', async () => {
    const query = 'un deux trois quatre cinq six sept huit neuf dix onze';
    const [en] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(SEARCH, { query }));
    expect(en).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'query' } });
    expect(en!.message).toBe('The search "query" has 11 different words; the limit is 10: keep the words that matter.');
    const [fr] = await graphqlErrors(server.client().request(SEARCH, { query }));
    expect(fr!.message).toBe('La recherche « query » compte 11 mots différents ; la limite est de 10 : gardez les mots qui comptent.');
    // Ten distinct words, each typed twice, are accepted.
    expect((await run({ query: [...query.split(' ').slice(0, 10), ...query.split(' ').slice(0, 10)].join(' ') })).totalCount).toBeGreaterThanOrEqual(0);
  });

  it('refuses a query made only of exclusions, which no index can answer', async () => {
    const [en] = await graphqlErrors(server.client({ 'accept-language': 'en' }).request(SEARCH, { query: '-niger -"soldats américains"' }));
    expect(en).toMatchObject({
      message: 'The search "query" only excludes words: give at least one word to look for.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'query' },
    });
    const [fr] = await graphqlErrors(server.client().request(SEARCH, { query: '-niger' }));
    expect(fr!.message).toBe('La recherche « query » ne fait qu’exclure des mots : indiquez au moins un mot à chercher.');
    expect((await run({ query: 'soldats -niger' })).totalCount).toBeGreaterThanOrEqual(0);
  });

  it('charges a search for its database work: three in one request are served, a fourth alias is refused before any SQL', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: search(query: "niger", first: 20) { totalCount edges { node { rank snippet } } }`).join(' ')} }`;
    const post = (query: string) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ query }) });
    expect((await post(aliases(3))).status).toBe(200);
    const { result, statements } = await server.countStatements(async () => {
      const res = await post(aliases(4));
      return { status: res.status, body: (await res.json()) as { errors: { extensions: Record<string, unknown> }[] } };
    });
    expect(result.status).toBe(400);
    expect(result.body.errors[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: QUERY_LIMITS.COST });
    expect(statements).toBe(0);
  });
});

describe('the search bulkhead', () => {
  let small: TestServer;
  beforeAll(async () => {
    // DB_POOL_SIZE 4: one search slot (SEARCH.POOL_SHARE), SEARCH.QUEUE_PER_SLOT waiting places.
    small = await startTestServer({ DB_POOL_SIZE: '4' });
  });
  afterAll(() => small?.close());

  it('refuses searches past its slots and queue at once, localized; reads go on meanwhile; all recover', async () => {
    const ADMITTED = 1 + SEARCH_LIMITS.QUEUE_PER_SLOT;
    // Searches read EntityTranslation (entity names); an article's title does not. Holding a lock
    // on it parks the searches that got a slot, as a slow search would.
    const release = await lockEntityNames(small);
    const settled: ({ message: string; extensions?: Record<string, unknown> } | null)[] = [];
    let threeSettled = () => {};
    const refusedAtOnce = new Promise<void>((resolve) => {
      threeSettled = resolve;
    });
    const searches = Array.from({ length: ADMITTED + 3 }, (_, i) =>
      small
        .client({ 'accept-language': i % 2 ? 'en' : 'fr' })
        .request<SearchData>(SEARCH, { query: 'Niger', first: 1 })
        .then(
          () => null,
          async (e: unknown) => (await graphqlErrors(Promise.reject(e)))[0]!,
        )
        .then((answer) => {
          settled.push(answer);
          if (settled.length === 3) threeSettled();
          return answer;
        }),
    );
    // One search holds the slot (parked on the lock), QUEUE_PER_SLOT wait: the other three answer at once.
    await refusedAtOnce;
    expect(settled.every((a) => a?.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    if (onPostgres) {
      // A read needs no search slot: it answers while every slot is held.
      const read = await small.client().request<{ articles: { totalCount: number } }>('{ articles(first: 1) { totalCount } }');
      expect(read.articles.totalCount).toBeGreaterThan(0);
    }
    await release();
    const answers = await Promise.all(searches);
    const refused = answers.filter((a) => a !== null);
    expect(answers.length - refused.length).toBe(ADMITTED);
    for (const error of refused) {
      expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
      expect(error.message).toMatch(
        /^(Too many searches are running right now: try again in a moment\.|Trop de recherches sont en cours : réessayez dans un instant\.)$/,
      );
    }
    expect((await small.client().request<SearchData>(SEARCH, { query: 'Niger', first: 1 })).search.totalCount).toBeGreaterThan(0);
  });
});

describe('the anonymous statement timeout', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ DB_ANONYMOUS_STATEMENT_TIMEOUT_MS: '300' });
  });
  afterAll(() => strict?.close());

  it('stops an anonymous search stuck past it (PostgreSQL; PGlite cannot interrupt a statement), not an editor’s', async () => {
    const editor = await authHeader(strict);
    const release = await lockEntityNames(strict);
    const ask = (headers: Record<string, string>) =>
      strict
        .client(headers)
        .request<SearchData>(SEARCH, { query: 'Niger', first: 1 })
        .then(
          (d) => d.search.totalCount,
          async (e: unknown) => (await graphqlErrors(Promise.reject(e)))[0]!.extensions?.code,
        );
    const anonymous = ask({ 'accept-language': 'en' });
    const asEditor = ask(editor);
    if (onPostgres) expect(await anonymous).toBe('SERVICE_UNAVAILABLE');
    await release();
    expect(await asEditor).toBeGreaterThan(0);
    if (!onPostgres) expect(await anonymous).toBeGreaterThan(0);
  });
});

describe('indexes', () => {
  it('are used by the text and name matches', async () => {
    const plan = await server.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN
        SELECT qt.id FROM "QuoteTranslation" qt WHERE qt.locale = 'EN' AND qt.search @@ websearch_to_tsquery('depeche_en', 'control')
        UNION ALL SELECT et.id FROM "EntityTranslation" et WHERE depeche_fold('Poutin') <% et.names`);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('QuoteTranslation_search_en_idx');
    // One text index per language: each arm of a match reads only the texts of its own language.
    const indexes = await server.prisma.$queryRawUnsafe<{ indexname: string; indexdef: string }[]>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%USING gin (search)%' ORDER BY indexname`,
    );
    expect(indexes.map((i) => [i.indexname, /WHERE \(locale = '(\w+)'/.exec(i.indexdef)?.[1]])).toEqual([
      ['ArticleTranslation_search_en_idx', 'EN'],
      ['ArticleTranslation_search_fr_idx', 'FR'],
      ['QuoteTranslation_search_en_idx', 'EN'],
      ['QuoteTranslation_search_fr_idx', 'FR'],
    ]);
    expect(plan).toContain('EntityTranslation_names_trgm_idx');
  });
});
