import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle, globalIdOf } from '../support/fixtures.js';
import { authHeader } from '../support/tokens.js';

/**
 * Every read path that lists articles, quotes or entities, in both languages, as a reader and as
 * an editor, with most fields selected: what a user sees (the served text, its language, whether
 * it is a fallback) is computed below from the fixtures, never pasted from an answer.
 */
type Locale = 'FR' | 'EN';
type Texts = Partial<Record<Locale, string>>;
const LOCALES: Locale[] = ['FR', 'EN'];
const other = (l: Locale): Locale => (l === 'FR' ? 'EN' : 'FR');

/** The language served for `requested` (the default chain: the other language next). */
const servedIn = (texts: Texts, requested: Locale): Locale => (texts[requested] !== undefined ? requested : other(requested));

interface EntitySpec {
  type: 'PERSON' | 'PLACE';
  names: Texts;
  descriptions: Texts;
  aliases: Partial<Record<Locale, string[]>>;
}
interface QuoteSpec {
  speaker?: 'person' | 'place';
  texts: Texts;
}
interface ArticleSpec {
  key: string;
  titles: Texts;
  status: 'PUBLISHED' | 'DRAFT';
  publishedAt: Date | null;
  quotes: QuoteSpec[];
  mentions: { entity: 'person' | 'place'; count: number }[];
  dateline?: 'place';
}

const ENTITIES: Record<'person' | 'place', EntitySpec> = {
  person: {
    type: 'PERSON',
    names: { FR: 'Général Vostrapel', EN: 'General Vostrapel' },
    descriptions: { FR: 'Chef militaire fictif', EN: 'Fictional military leader' },
    aliases: { FR: ['le général V.'], EN: ['Gen. V.', 'the General'] },
  },
  // French only: served in French to English readers, as a fallback.
  place: { type: 'PLACE', names: { FR: 'Ouarzaville' }, descriptions: { FR: 'Ville imaginaire' }, aliases: { FR: ['Ouarza'] } },
};

// Newest first: the feed order. Every article mentions the person, so its entity page lists them all.
const ARTICLES: ArticleSpec[] = [
  {
    key: 'fr-only',
    titles: { FR: 'Vostrapel promet des élections' },
    status: 'PUBLISHED',
    publishedAt: new Date('2031-03-05T09:00:00Z'),
    quotes: [{ speaker: 'person', texts: { FR: 'Nous tiendrons parole, dit Vostrapel.' } }],
    mentions: [{ entity: 'person', count: 1 }],
  },
  {
    key: 'en-only',
    titles: { EN: 'Vostrapel meets the envoys' },
    status: 'PUBLISHED',
    publishedAt: new Date('2031-03-04T09:00:00Z'),
    quotes: [{ speaker: 'person', texts: { EN: 'We will talk, said Vostrapel.', FR: 'Nous parlerons, a dit Vostrapel.' } }],
    mentions: [
      { entity: 'place', count: 3 },
      { entity: 'person', count: 2 },
    ],
    dateline: 'place',
  },
  {
    key: 'both',
    titles: { FR: 'Ouarzaville attend Vostrapel', EN: 'Ouarzaville awaits Vostrapel' },
    status: 'PUBLISHED',
    publishedAt: new Date('2031-03-03T09:00:00Z'),
    quotes: [{ texts: { FR: 'La ville est calme.', EN: 'The town is calm.' } }, { speaker: 'place', texts: { EN: 'Only in English.' } }],
    mentions: [
      { entity: 'person', count: 4 },
      { entity: 'place', count: 1 },
    ],
  },
  {
    key: 'draft',
    titles: { FR: 'Brouillon sur Vostrapel', EN: 'Draft about Vostrapel' },
    status: 'DRAFT',
    publishedAt: null,
    quotes: [{ speaker: 'person', texts: { FR: 'Brouillon cité.' } }],
    mentions: [{ entity: 'person', count: 1 }],
  },
];

let server: TestServer;
let editor: Record<string, string>;
const entityIds = {} as Record<'person' | 'place', number>;
const stored = new Map<string, { id: number; slug: string; quoteIds: number[] }>();

beforeAll(async () => {
  server = await startTestServer();
  editor = await authHeader(server);
  for (const [name, e] of Object.entries(ENTITIES) as ['person' | 'place', EntitySpec][]) {
    const locales = LOCALES.filter((l) => e.names[l] !== undefined);
    const row = await server.prisma.entity.create({
      data: {
        key: `read-paths-${name}`,
        type: e.type,
        wikidataId: name === 'person' ? 'Q990001234' : null,
        translations: {
          create: locales.map((locale, i) => ({
            locale,
            name: e.names[locale]!,
            description: e.descriptions[locale] ?? null,
            aliases: e.aliases[locale] ?? [],
            origin: i === 0 ? 'ORIGINAL' : 'HUMAN',
          })),
        },
      },
    });
    entityIds[name] = row.id;
  }
  // Oldest first, so ids grow with dates (the draft last, the newest).
  for (const a of [...ARTICLES].reverse()) {
    const row = await createArticle(server.prisma, {
      titles: a.titles,
      status: a.status,
      publishedAt: a.publishedAt,
      quotes: a.quotes.map((q) => ({ speakerId: q.speaker && entityIds[q.speaker], texts: q.texts, attributions: attributionsOf(q.texts) })),
      mentions: a.mentions.map((m) => ({ entityId: entityIds[m.entity], count: m.count })),
      datelineId: a.dateline && entityIds[a.dateline],
    });
    const quotes = await server.prisma.quote.findMany({ where: { articleId: row.id }, orderBy: { position: 'asc' } });
    stored.set(a.key, { id: row.id, slug: row.slug, quoteIds: quotes.map((q) => q.id) });
  }
});
afterAll(() => server?.close());

const ENTITY_FIELDS = 'id name description aliases locale isFallback typeLabel type';
const SERVED_FIELDS = `
  id slug sourceLocale locale isFallback title lede dateLabel publishedAt datePrecision availableLocales
  body { kind text }
  dateline { name locale isFallback }
  quotes { id text locale isFallback originalText originalLocale attribution version article { slug } speaker { name locale isFallback } }
  mentions { count entity { ${ENTITY_FIELDS} } }
`;
// Fields that compare every language version (an editor's view).
const VERSION_FIELDS = `
  translations { locale title lede }
  fr: translationState(locale: FR)
  en: translationState(locale: EN)
`;

const TYPE_LABELS = { FR: { PERSON: 'Personne', PLACE: 'Lieu' }, EN: { PERSON: 'Person', PLACE: 'Place' } };
const DATE_NONE = { FR: 'Date inconnue', EN: 'Date unknown' };
const dayLabel = (date: Date | null, locale: Locale) =>
  date
    ? new Intl.DateTimeFormat(locale.toLowerCase(), { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date)
    : DATE_NONE[locale];

function expectedEntity(name: 'person' | 'place', requested: Locale) {
  const e = ENTITIES[name];
  const locale = servedIn(e.names, requested);
  return {
    id: globalIdOf('Entity', entityIds[name]),
    name: e.names[locale],
    description: e.descriptions[locale] ?? null,
    aliases: e.aliases[locale] ?? [],
    locale,
    isFallback: locale !== requested,
    typeLabel: TYPE_LABELS[requested][e.type],
    type: e.type,
  };
}

/**
 * A quote's versions shown: readers see a quote's text in a language only with its article's
 * version in that language (and its original always); editors see every version.
 */
const shownTexts = (q: QuoteSpec, a: ArticleSpec, reader: boolean) =>
  Object.fromEntries(Object.entries(q.texts).filter(([l], i) => i === 0 || !reader || a.titles[l as Locale] !== undefined)) as QuoteSpec['texts'];

// Each version's attribution, written in that language.
const attributionsOf = (texts: Texts): Texts => Object.fromEntries(Object.entries(texts).map(([l, text]) => [l, `${text} (attribution)`]));

function expectedQuote(q: QuoteSpec, id: number, requested: Locale, a: ArticleSpec, reader: boolean) {
  const locale = servedIn(shownTexts(q, a, reader), requested);
  const originalLocale = LOCALES.find((l) => l === Object.keys(q.texts)[0])!;
  const speaker = q.speaker && expectedEntity(q.speaker, requested);
  return {
    id: globalIdOf('Quote', id),
    text: q.texts[locale],
    locale,
    isFallback: locale !== requested,
    originalText: q.texts[originalLocale],
    originalLocale,
    attribution: `${q.texts[locale]} (attribution)`,
    version: 1,
    speaker: speaker ? { name: speaker.name, locale: speaker.locale, isFallback: speaker.isFallback } : null,
  };
}

function expectedArticle(a: ArticleSpec, requested: Locale, versions: boolean, reader: boolean) {
  const { id, slug, quoteIds } = stored.get(a.key)!;
  const locale = servedIn(a.titles, requested);
  const source = Object.keys(a.titles)[0] as Locale;
  const title = a.titles[locale]!;
  const dateline = a.dateline && expectedEntity(a.dateline, requested);
  const served = {
    id: globalIdOf('Article', id),
    slug,
    sourceLocale: source,
    locale,
    isFallback: locale !== requested,
    title,
    lede: `${title} (lede)`,
    dateLabel: dayLabel(a.publishedAt, requested),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    // An undated draft has no precision.
    datePrecision: a.publishedAt ? 'DAY' : null,
    availableLocales: LOCALES.filter((l) => a.titles[l] !== undefined).sort(),
    body: [{ kind: 'TEXT', text: `${title} (body)` }],
    dateline: dateline ? { name: dateline.name, locale: dateline.locale, isFallback: dateline.isFallback } : null,
    quotes: a.quotes.map((q, i) => ({ ...expectedQuote(q, quoteIds[i]!, requested, a, reader), article: { slug } })),
    mentions: [...a.mentions]
      .sort((x, y) => y.count - x.count || entityIds[x.entity] - entityIds[y.entity])
      .map((m) => ({ count: m.count, entity: expectedEntity(m.entity, requested) })),
  };
  if (!versions) return served;
  return {
    ...served,
    translations: [source, ...LOCALES.filter((l) => l !== source && a.titles[l] !== undefined)].map((l) => ({
      locale: l,
      title: a.titles[l],
      lede: `${a.titles[l]} (lede)`,
    })),
    fr: a.titles.FR !== undefined ? 'CURRENT' : 'MISSING',
    en: a.titles.EN !== undefined ? 'CURRENT' : 'MISSING',
  };
}

const VIEWERS = [
  { name: 'reader', headers: () => ({}), sees: (a: ArticleSpec) => a.status === 'PUBLISHED' },
  { name: 'editor', headers: () => editor, sees: () => true },
] as const;
// With or without the fields that need every version: the statement reads articles localized, or whole.
const SELECTIONS = [
  { versions: false, fields: SERVED_FIELDS },
  { versions: true, fields: SERVED_FIELDS + VERSION_FIELDS },
];
const CASES = VIEWERS.flatMap((viewer) =>
  LOCALES.flatMap((locale) =>
    SELECTIONS.map(({ versions, fields }) => ({
      viewer,
      locale,
      versions,
      fields,
      label: `${viewer.name}, ${locale}, ${versions ? 'every version' : 'served'}`,
    })),
  ),
);

type Page<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: T }[] };

/** Every node of a connection, `first` at a time. */
async function walk<T>(fetch: (after: string | null) => Promise<Page<T>>): Promise<{ nodes: T[]; totals: number[]; pages: number }> {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await fetch(after);
    pages++;
    nodes.push(...page.edges.map((e) => e.node));
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) return { nodes, totals, pages };
    after = page.pageInfo.endCursor;
    if (pages > 20) throw new Error('the connection does not end');
  }
}

describe.each(CASES)('read paths ($label)', ({ viewer, locale, versions, fields: ARTICLE_FIELDS }) => {
  const visible = () => ARTICLES.filter(viewer.sees);
  const reader = viewer.name === 'reader';
  const client = () => server.client(viewer.headers());

  it('the feed, filtered by a mentioned entity, two at a time', async () => {
    const FEED = gql`query ($locale: Locale, $after: String, $entity: ID!) {
      articles(locale: $locale, first: 2, after: $after, filter: { mentions: $entity }) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ARTICLE_FIELDS} } }
      }
    }`;
    const entity = globalIdOf('Entity', entityIds.person);
    const { nodes, totals } = await walk((after) =>
      client()
        .request<{ articles: Page<unknown> }>(FEED, { locale, after, entity })
        .then((d) => d.articles),
    );
    // Undated drafts come first, then the newest.
    const order = [...visible().filter((a) => !a.publishedAt), ...visible().filter((a) => a.publishedAt)];
    expect(nodes).toEqual(order.map((a) => expectedArticle(a, locale, versions, reader)));
    expect(new Set(totals)).toEqual(new Set([order.length]));
  });

  it('the feed with other filters and a lean selection', async () => {
    const FEED = gql`query ($locale: Locale, $entity: ID!, $in: Locale, $source: Locale) {
      articles(locale: $locale, first: 50, filter: { mentions: $entity, availableIn: $in, sourceLocale: $source }) {
        edges { node { title isFallback } }
      }
    }`;
    const entity = globalIdOf('Entity', entityIds.person);
    for (const [availableIn, sourceLocale] of [
      ['EN', null],
      ['FR', null],
      [null, 'FR'],
      [null, 'EN'],
    ] as const) {
      const data = await client().request<{ articles: { edges: { node: { title: string; isFallback: boolean } }[] } }>(FEED, {
        locale,
        entity,
        in: availableIn,
        source: sourceLocale,
      });
      const wanted = visible()
        .filter((a) => !availableIn || a.titles[availableIn] !== undefined)
        .filter((a) => !sourceLocale || Object.keys(a.titles)[0] === sourceLocale)
        .sort((x, y) => Number(!!x.publishedAt) - Number(!!y.publishedAt));
      expect(data.articles.edges.map((e) => e.node)).toEqual(
        wanted.map((a) => ({ title: a.titles[servedIn(a.titles, locale)], isFallback: a.titles[locale] === undefined })),
      );
    }
  });

  it('one article by slug, by id and through node', async () => {
    const ONE = gql`query ($locale: Locale, $slug: String!, $id: ID!) {
      bySlug: article(slug: $slug, locale: $locale) { ${ARTICLE_FIELDS} }
      byId: article(id: $id, locale: $locale) { ${ARTICLE_FIELDS} }
      node(id: $id) { ... on Article { ${ARTICLE_FIELDS} } }
    }`;
    for (const a of ARTICLES) {
      const { id, slug } = stored.get(a.key)!;
      const data = await server
        .client({ ...viewer.headers(), 'accept-language': locale.toLowerCase() })
        .request(ONE, { locale, slug, id: globalIdOf('Article', id) });
      const want = viewer.sees(a) ? expectedArticle(a, locale, versions, reader) : null;
      expect(data).toEqual({ bySlug: want, byId: want, node: want });
    }
  });

  it('the entity page and its articles, one at a time', async () => {
    const ENTITY = gql`query ($locale: Locale, $id: ID!, $first: Int!, $after: String) {
      entity(id: $id, locale: $locale) {
        ${ENTITY_FIELDS}
        articles(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ARTICLE_FIELDS} } } }
      }
    }`;
    const id = globalIdOf('Entity', entityIds.person);
    // One at a time: an editor's cursor goes from the undated draft to the dated articles.
    const first = 1;
    const request = (after: string | null) =>
      client()
        .request<{ entity: Record<string, unknown> & { articles: Page<unknown> } }>(ENTITY, { locale, id, first, after })
        .then((d) => d.entity);
    const { articles, ...entity } = await request(null);
    expect(entity).toEqual(expectedEntity('person', locale));
    const { nodes, totals } = await walk((after) => request(after).then((e) => e.articles));
    const order = [...visible().filter((a) => !a.publishedAt), ...visible().filter((a) => a.publishedAt)];
    expect(nodes).toEqual(order.map((a) => expectedArticle(a, locale, versions, reader)));
    expect(new Set(totals)).toEqual(new Set([order.length]));
    expect(articles.totalCount).toBe(order.length);
  });

  it('search hits: the articles, quotes and entity found', async () => {
    const SEARCH = gql`query ($locale: Locale) {
      search(query: "Vostrapel", locale: $locale, first: 10) {
        totalCount
        edges { node {
          kind matchedLocale
          ... on ArticleHit { article { ${ARTICLE_FIELDS} } }
          ... on QuoteHit { quote { id text locale isFallback originalText originalLocale attribution version speaker { name locale isFallback } article { title locale isFallback } } }
          ... on EntityHit { entity { ${ENTITY_FIELDS} } }
        } }
      }
    }`;
    const data = await client().request<{ search: { totalCount: number; edges: { node: Record<string, unknown> & { kind: string } }[] } }>(SEARCH, {
      locale,
    });
    const byKind = (kind: string) => data.search.edges.map((e) => e.node).filter((n) => n.kind === kind);
    const key = (x: { id: string }) => x.id;
    const sorted = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => key(x).localeCompare(key(y)));
    // Every visible article names the person.
    expect(sorted(byKind('ARTICLE').map((n) => n.article as { id: string }))).toEqual(
      sorted(visible().map((a) => expectedArticle(a, locale, versions, reader))),
    );
    // Quotes whose text has the word, in the language of that text.
    const quotes = visible().flatMap((a) =>
      a.quotes.flatMap((q, i) =>
        Object.values(q.texts).some((t) => t.includes('Vostrapel'))
          ? [
              {
                ...expectedQuote(q, stored.get(a.key)!.quoteIds[i]!, locale, a, reader),
                article: { title: a.titles[servedIn(a.titles, locale)], locale: servedIn(a.titles, locale), isFallback: a.titles[locale] === undefined },
              },
            ]
          : [],
      ),
    );
    expect(quotes.length).toBeGreaterThan(0);
    expect(sorted(byKind('QUOTE').map((n) => n.quote as { id: string }))).toEqual(sorted(quotes));
    expect(byKind('ENTITY').map((n) => n.entity)).toEqual([expectedEntity('person', locale)]);
    expect(data.search.totalCount).toBe(data.search.edges.length);
  });

  it("quotes: the list filtered by speaker, one by id, and an entity's quotes", async () => {
    const QUOTES = gql`query ($locale: Locale, $speaker: ID!, $id: ID!) {
      quotes(locale: $locale, first: 50, filter: { speaker: $speaker }) {
        totalCount edges { node { id text locale isFallback originalText originalLocale attribution version speaker { name locale isFallback } } }
      }
      quote(id: $id, locale: $locale) { id text locale isFallback originalText originalLocale attribution version speaker { name locale isFallback } article { title locale } }
      entity(id: $speaker, locale: $locale) { quotes(first: 50) { edges { node { id text locale isFallback } } } }
    }`;
    const said = visible()
      .flatMap((a) => a.quotes.map((q, i) => ({ a, q, id: stored.get(a.key)!.quoteIds[i]! })))
      .filter(({ q }) => q.speaker === 'person')
      .sort((x, y) => y.id - x.id);
    const both = ARTICLES.find((a) => a.key === 'both')!;
    const englishOnly = both.quotes[1]!;
    const data = await client().request<{
      quotes: { totalCount: number; edges: { node: unknown }[] };
      quote: unknown;
      entity: { quotes: { edges: { node: unknown }[] } };
    }>(QUOTES, { locale, speaker: globalIdOf('Entity', entityIds.person), id: globalIdOf('Quote', stored.get('both')!.quoteIds[1]!) });
    expect(data.quotes.edges.map((e) => e.node)).toEqual(said.map(({ a, q, id }) => expectedQuote(q, id, locale, a, reader)));
    expect(data.quotes.totalCount).toBe(said.length);
    const bothLocale = servedIn(both.titles, locale);
    expect(data.quote).toEqual({
      ...expectedQuote(englishOnly, stored.get('both')!.quoteIds[1]!, locale, both, reader),
      article: { title: both.titles[bothLocale], locale: bothLocale },
    });
    expect(data.entity.quotes.edges.map((e) => e.node)).toEqual(
      said.map(({ a, q, id }) => {
        const { id: gid, text, locale: l, isFallback } = expectedQuote(q, id, locale, a, reader);
        return { id: gid, text, locale: l, isFallback };
      }),
    );
  });
});

describe('the statement of a list', () => {
  // A feed selection, as the mobile apps send it.
  const FEED = gql`query ($locale: Locale, $entity: ID!) {
    articles(locale: $locale, first: 10, filter: { mentions: $entity }) {
      edges { node { title lede dateLabel availableLocales mentions { count entity { name description aliases typeLabel } } quotes { text speaker { name } } } }
    }
  }`;

  it.each(LOCALES)('served in %s, brings back no text of the other language that it does not serve, and no timestamps', async (locale) => {
    const { sql, params } = await server.countStatements(() => server.client().request(FEED, { locale, entity: globalIdOf('Entity', entityIds.person) }));
    const page = sql.findIndex((q) => q.includes('"ArticleTranslation"'));
    expect(sql.filter((q) => q.includes('"ArticleTranslation"'))).toHaveLength(1);
    // What PostgreSQL sent the server for the page: the same statement run again.
    const rows = await server.prisma.$queryRawUnsafe<unknown[]>(sql[page]!, ...params[page]!);
    const payload = JSON.stringify(rows);
    const published = ARTICLES.filter((a) => a.status === 'PUBLISHED');
    const unserved = (texts: Texts) => (texts[locale] !== undefined && texts[other(locale)] !== undefined ? [texts[other(locale)]!] : []);
    const servedText = (texts: Texts) => texts[servedIn(texts, locale)]!;
    const person = ENTITIES.person;
    const absent = [
      ...published.flatMap((a) => unserved(a.titles)),
      ...published.flatMap((a) => a.quotes.flatMap((q) => unserved(shownTexts(q, a, true)))),
      ...unserved(person.names),
      ...unserved(person.descriptions),
      ...(person.aliases[other(locale)] ?? []),
    ];
    const present = [
      ...published.map((a) => servedText(a.titles)),
      ...published.flatMap((a) => a.quotes.map((q) => servedText(shownTexts(q, a, true)))),
      servedText(person.names),
      servedText(person.descriptions),
    ];
    expect(absent.length).toBeGreaterThan(3);
    expect(absent.filter((text) => payload.includes(text))).toEqual([]);
    expect(present.filter((text) => !payload.includes(text))).toEqual([]);
    expect(payload).not.toMatch(/createdAt|updatedAt/);
  });

  it.each(LOCALES)('served in %s, brings entities without description and aliases when the query selects neither', async (locale) => {
    const brief = FEED.replace('entity { name description aliases typeLabel }', 'entity { name typeLabel }');
    const { sql, params } = await server.countStatements(() => server.client().request(brief, { locale, entity: globalIdOf('Entity', entityIds.person) }));
    const page = sql.findIndex((q) => q.includes('"ArticleTranslation"'));
    const payload = JSON.stringify(await server.prisma.$queryRawUnsafe<unknown[]>(sql[page]!, ...params[page]!));
    const person = ENTITIES.person;
    expect(payload).toContain(person.names[servedIn(person.names, locale)]!);
    expect(payload).not.toContain(person.descriptions[servedIn(person.descriptions, locale)]!);
    expect(payload).not.toMatch(/"description"|"aliases"|"wikidataId"/);
  });

  it('brings the Wikidata id and version of listed entities when selected, as the entity itself answers them', async () => {
    const person = globalIdOf('Entity', entityIds.person);
    const { entity } = await server
      .client()
      .request<{ entity: { wikidataId: string; version: number } }>(gql`query ($id: ID!) { entity(id: $id) { wikidataId version } }`, { id: person });
    expect(entity.wikidataId).toBe('Q990001234');
    const listed = await server.client().request<{ articles: { edges: { node: { mentions: { entity: object }[]; quotes: { speaker: object | null }[] } }[] } }>(
      gql`query ($entity: ID!) { articles(first: 10, filter: { mentions: $entity }) {
        edges { node { mentions { entity { wikidataId version } } quotes { speaker { wikidataId version } } } }
      } }`,
      { entity: person },
    );
    const seen = listed.articles.edges.flatMap(({ node }) => [
      ...node.mentions.map((m) => m.entity),
      ...node.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])),
    ]);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toContainEqual(entity);
    for (const e of seen) expect(e).toEqual(expect.objectContaining({ version: expect.any(Number) }));
  });

  it('is the only one to read quotes and mentions, with or without the fields that need every version', async () => {
    const statements = [];
    for (const fields of [SERVED_FIELDS, SERVED_FIELDS + VERSION_FIELDS]) {
      const { sql } = await server.countStatements(() => server.client().request(gql`{ articles(locale: EN, first: 10) { edges { node { ${fields} } } } }`));
      expect(sql.filter((q) => q.includes('"QuoteTranslation"') || q.includes('"Mention"'))).toHaveLength(1);
      statements.push(sql.length);
    }
    expect(statements[1]).toBe(statements[0]);
  });

  it.each(LOCALES)('of the quotes, served in %s, brings back only the versions served (and originals when selected)', async (locale) => {
    const QUOTES = gql`query ($locale: Locale) { quotes(locale: $locale, first: 50) { edges { node { text speaker { name description } } } } }`;
    const { sql, params } = await server.countStatements(() => server.client().request(QUOTES, { locale }));
    const page = sql.findIndex((q) => q.includes('"QuoteTranslation"'));
    const payload = JSON.stringify(await server.prisma.$queryRawUnsafe<unknown[]>(sql[page]!, ...params[page]!));
    const quotes = ARTICLES.filter((a) => a.status === 'PUBLISHED').flatMap((a) => a.quotes.map((q) => ({ texts: shownTexts(q, a, true) })));
    const unserved = (texts: Texts) => (texts[locale] !== undefined && texts[other(locale)] !== undefined ? [texts[other(locale)]!] : []);
    const absent = [...quotes.flatMap((q) => unserved(q.texts)), ...unserved(ENTITIES.person.names), ...unserved(ENTITIES.person.descriptions)];
    expect(absent.length).toBeGreaterThan(1);
    expect(absent.filter((text) => payload.includes(text))).toEqual([]);
    expect(quotes.map((q) => q.texts[servedIn(q.texts, locale)]!).filter((text) => !payload.includes(text))).toEqual([]);
    expect(payload).not.toMatch(/createdAt|updatedAt/);
  });
});
