import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { createArticle, createEntity, globalIdOf } from '../support/fixtures.js';
import { authHeader } from '../support/tokens.js';
import { post } from '../support/http.js';

// Embargo and scheduled release (scheduleArticle): invisible to readers on every read path until
// the instant, visible at it with no restart and no mutation, through the response cache (turned
// on here); editors see the schedule. And an undated draft has no date precision.

const SCHEDULE = gql`
  mutation Schedule($id: ID!, $v: Int!, $at: DateTime!, $locale: Locale) {
    scheduleArticle(id: $id, expectedVersion: $v, at: $at, locale: $locale) { id version embargoedUntil publishedAt datePrecision dateLabel }
  }
`;
const STATUS = (name: string) =>
  gql`mutation ($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { version embargoedUntil publishedAt datePrecision } }`;

// Every path an article, its quotes or its mentions reach a reader by.
const READ = gql`
  query Read($id: ID!, $slug: String!, $entity: ID!, $place: ID!, $word: String!) {
    bySlug: article(slug: $slug) { id embargoedUntil ninjs jsonLd }
    byId: article(id: $id) { id }
    node(id: $id) { id }
    feed: articles(first: 100) { totalCount edges { node { id } } }
    english: articles(first: 100, filter: { availableIn: EN }) { totalCount edges { node { id } } }
    mentioning: articles(filter: { mentions: $entity }) { totalCount edges { node { id } } }
    quoting: articles(filter: { speaker: $entity }) { totalCount edges { node { id } } }
    quotes(first: 100, filter: { speaker: $entity }) { totalCount edges { node { id article { id } } } }
    entity(id: $entity) { articles { totalCount edges { node { id } } } quotes { totalCount edges { node { id } } } }
    place: entity(id: $place) { articles { totalCount edges { node { id dateline { id } } } } }
    search(query: $word) { totalCount edges { node { __typename ... on ArticleHit { article { id } } ... on QuoteHit { quote { id } } } } }
  }
`;
interface ReadAnswer {
  bySlug: { id: string; embargoedUntil: string | null; ninjs: Record<string, unknown>; jsonLd: Record<string, unknown> } | null;
  byId: { id: string } | null;
  node: { id: string } | null;
  feed: { totalCount: number; edges: { node: { id: string } }[] };
  english: { totalCount: number; edges: { node: { id: string } }[] };
  mentioning: { totalCount: number; edges: { node: { id: string } }[] };
  quoting: { totalCount: number; edges: { node: { id: string } }[] };
  quotes: { totalCount: number; edges: { node: { id: string; article: { id: string } } }[] };
  entity: { articles: { totalCount: number; edges: { node: { id: string } }[] }; quotes: { totalCount: number; edges: { node: { id: string } }[] } };
  place: { articles: { totalCount: number; edges: { node: { id: string; dateline: { id: string } | null } }[] } };
  search: { totalCount: number; edges: { node: { __typename: string; article?: { id: string }; quote?: { id: string } } }[] };
}

let server: TestServer;
let editor: GraphQLClient;
let speaker: { id: number };
let place: { id: number };
let seedVersion: number;
let seedId: string;

/** A draft with a quote by `speaker`, a mention of it, a dateline and a word of its own (for search). */
async function draft(word: string) {
  const row = await createArticle(server.prisma, {
    titles: { FR: `Annonce ${word} sous embargo`, EN: `Announcement ${word} under embargo` },
    status: 'DRAFT',
    publishedAt: null,
    quotes: [{ speakerId: speaker.id, texts: { FR: `Le ${word} sera connu demain`, EN: `The ${word} will be known tomorrow` } }],
    mentions: [
      { entityId: speaker.id, count: 2 },
      { entityId: place.id, count: 1 },
    ],
    datelineId: place.id,
  });
  const quote = await server.prisma.quote.findFirstOrThrow({ where: { articleId: row.id } });
  return { id: globalIdOf('Article', row.id), slug: row.slug, version: row.version, quote: globalIdOf('Quote', quote.id) };
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const ids = (list: { edges: { node: { id: string } }[] }) => list.edges.map((e) => e.node.id);

/** What the read query shows of article `id` (its own word in search). */
async function seen(client: GraphQLClient, a: { id: string; slug: string; quote: string }, word: string) {
  const data = await client.request<ReadAnswer>(READ, {
    id: a.id,
    slug: a.slug,
    entity: globalIdOf('Entity', speaker.id),
    place: globalIdOf('Entity', place.id),
    word,
  });
  return {
    data,
    counts: [
      data.feed,
      data.english,
      data.mentioning,
      data.quoting,
      data.quotes,
      data.entity.articles,
      data.entity.quotes,
      data.place.articles,
      data.search,
    ].map((c) => c.totalCount),
    paths: {
      bySlug: data.bySlug !== null,
      byId: data.byId !== null,
      node: data.node !== null,
      feed: ids(data.feed).includes(a.id),
      english: ids(data.english).includes(a.id),
      mentioning: ids(data.mentioning).includes(a.id),
      quoting: ids(data.quoting).includes(a.id),
      quotes: data.quotes.edges.some((e) => e.node.article.id === a.id),
      entityArticles: ids(data.entity.articles).includes(a.id),
      entityQuotes: ids(data.entity.quotes).includes(a.quote),
      // The entity page of its dateline place, with the dateline read through the page.
      datelined: data.place.articles.edges.some((e) => e.node.id === a.id && e.node.dateline?.id === globalIdOf('Entity', place.id)),
      search: data.search.edges.some((e) => e.node.article?.id === a.id || e.node.quote?.id === a.quote),
    },
  };
}
const everywhere = (visible: boolean) => ({
  bySlug: visible,
  byId: visible,
  node: visible,
  feed: visible,
  english: visible,
  mentioning: visible,
  quoting: visible,
  quotes: visible,
  entityArticles: visible,
  entityQuotes: visible,
  datelined: visible,
  search: visible,
});

beforeAll(async () => {
  // The response cache on (tests default to off): no cached answer may outlive a release.
  server = await startTestServer({ RESPONSE_CACHE: 'on' });
  editor = server.client(await authHeader(server, 'EDITOR'));
  speaker = await createEntity(server.prisma, { FR: 'Porte-parole Zébulon', EN: 'Spokesman Zebulon' });
  place = await createEntity(server.prisma, { FR: 'Quarzazate-sur-Mer' }, 'PLACE');
  const seed = await server.prisma.article.findFirstOrThrow({ select: { id: true, version: true } });
  seedId = globalIdOf('Article', seed.id);
  seedVersion = seed.version;
});
afterAll(() => server?.close());

describe('scheduleArticle', () => {
  it('hides the article from readers on every path, shows editors the schedule, and dates an undated draft with the release', async () => {
    const a = await draft('zorglub');
    const counted = { reader: (await seen(server.client(), a, 'zorglub')).counts, editor: (await seen(editor, a, 'zorglub')).counts };
    const at = inSeconds(3600);
    const { scheduleArticle } = await editor.request<{ scheduleArticle: Record<string, unknown> }>(SCHEDULE, { id: a.id, v: a.version, at, locale: 'EN' });
    expect(scheduleArticle).toMatchObject({ version: a.version + 1, embargoedUntil: at, publishedAt: at, datePrecision: 'TIME' });

    const reader = await seen(server.client(), a, 'zorglub');
    expect(reader.paths).toEqual(everywhere(false));
    // Counted nowhere either: every total is what it was while the article was a draft (editors saw the draft already).
    expect(reader.counts).toEqual(counted.reader);
    expect((await seen(editor, a, 'zorglub')).counts).toEqual(counted.editor);
    // Its quote by id: nothing either.
    const byQuote = await server
      .client()
      .request<Record<string, unknown>>(gql`query ($id: ID!) { quote(id: $id) { id } node(id: $id) { id } }`, { id: a.quote });
    expect(byQuote).toEqual({ quote: null, node: null });

    const asEditor = await seen(editor, a, 'zorglub');
    expect(asEditor.paths).toEqual(everywhere(true));
    expect(asEditor.data.bySlug!.embargoedUntil).toBe(at);
    expect(asEditor.data.bySlug!.ninjs).toMatchObject({ pubStatus: 'usable', embargoedUntil: at });
    // schema.org has no embargo: JSON-LD says when it is published, as for any published article.
    expect(asEditor.data.bySlug!.jsonLd).toMatchObject({ datePublished: at });
    expect(asEditor.data.bySlug!.jsonLd).not.toHaveProperty('embargoedUntil');

    // The REST feed for partners: no item, not in the list.
    const item = await fetch(`${server.origin}/ninjs/articles/${a.slug}`);
    expect(item.status).toBe(404);
    const list = (await (await fetch(`${server.origin}/ninjs/articles?limit=100`)).json()) as { items: { altIds: { value: string }[] }[] };
    expect(list.items.some((i) => i.altIds.some((x) => x.value === a.slug))).toBe(false);
    expect(list.items.length).toBeGreaterThan(0);
    // Released articles show readers no embargo.
    const seedAnswer = await server
      .client()
      .request<{ article: { embargoedUntil: string | null; ninjs: Record<string, unknown> } }>(
        gql`query ($id: ID!) { article(id: $id) { embargoedUntil ninjs } }`,
        { id: seedId },
      );
    expect(seedAnswer.article.embargoedUntil).toBeNull();
    expect(seedAnswer.article.ninjs).not.toHaveProperty('embargoedUntil');
  });

  it('releases the article at its instant with the response cache on, without a restart or a mutation', async () => {
    const a = await draft('quibble');
    const at = new Date(Date.now() + 2000);
    await editor.request(SCHEDULE, { id: a.id, v: a.version, at: at.toISOString() });
    const query = {
      query: `query ($slug: String!) { article(slug: $slug) { id } articles(first: 100) { edges { node { id } } } }`,
      variables: { slug: a.slug },
    };
    let early = 0;
    let beforeRelease = 0;
    let maxAges: number[] = [];
    // Bounded: the release is 2 s ahead; 200 polls of 50 ms at least is 10 s.
    for (let poll = 0; poll < 200; poll++) {
      const answer = await post<{ article: { id: string } | null; articles: { edges: { node: { id: string } }[] } }>(server.url, query);
      const received = Date.now();
      const shown = answer.body.data!.article !== null;
      expect(ids(answer.body.data!.articles).includes(a.id)).toBe(shown);
      if (shown && received < at.getTime()) early++;
      if (!shown) {
        beforeRelease++;
        maxAges.push(Number(/max-age=(\d+)/.exec(answer.headers.get('cache-control') ?? '')?.[1] ?? 0));
      }
      if (shown) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(early).toBe(0);
    expect(beforeRelease).toBeGreaterThan(0);
    // Once released, every answer shows it, cached or not: first in the feed, dated by its release.
    for (let i = 0; i < 3; i++) {
      const answer = await post<{ article: unknown; articles: { edges: { node: { id: string } }[] } }>(server.url, query);
      expect(answer.body.data!.article).not.toBeNull();
      expect(answer.body.data!.articles.edges[0]!.node.id).toBe(a.id);
    }
    // Publishing it again changes nothing of its date: the release instant stays its date.
    const again = await editor.request<{ publishArticle: { publishedAt: string; embargoedUntil: string | null } }>(STATUS('publishArticle'), {
      id: a.id,
      v: a.version + 1,
    });
    expect(again.publishArticle).toEqual(expect.objectContaining({ publishedAt: at.toISOString(), embargoedUntil: null }));
    // No answer before the release could be kept past it: at most 2 s, never the 60 s TTL.
    maxAges = maxAges.filter((m) => m > 2);
    expect(maxAges).toEqual([]);
  });

  it('caps the max-age of reader answers and of the REST feed by the time left to the next release', async () => {
    const a = await draft('tangerine');
    await editor.request(SCHEDULE, { id: a.id, v: a.version, at: inSeconds(20) });
    const answer = await post(server.url, { query: '{ articles(first: 1) { totalCount } }' });
    const maxAge = Number(/max-age=(\d+)/.exec(answer.headers.get('cache-control')!)![1]);
    expect(maxAge).toBeLessThanOrEqual(20);
    const rest = await fetch(`${server.origin}/ninjs/articles?limit=1`);
    expect(Number(/max-age=(\d+)/.exec(rest.headers.get('cache-control')!)![1])).toBeLessThanOrEqual(20);
    // Cancelled: the cap goes with it (the configured TTL, 60 s by default).
    await editor.request(STATUS('unpublishArticle'), { id: a.id, v: a.version + 1 });
    const after = await post(server.url, { query: '{ articles(first: 1) { totalCount } }' });
    expect(after.headers.get('cache-control')).toBe('max-age=60, public');
  });

  it('is cancelled by unpublishArticle, and publishArticle releases it now', async () => {
    const a = await draft('marmalade');
    const at = inSeconds(3600);
    await editor.request(SCHEDULE, { id: a.id, v: a.version, at });
    const { unpublishArticle } = await editor.request<{ unpublishArticle: Record<string, unknown> }>(STATUS('unpublishArticle'), {
      id: a.id,
      v: a.version + 1,
    });
    // The draft keeps the release instant as its date: the editor may clear it with updateArticle.
    expect(unpublishArticle).toMatchObject({ embargoedUntil: null, publishedAt: at, datePrecision: 'TIME' });
    expect((await seen(server.client(), a, 'marmalade')).paths).toEqual(everywhere(false));

    await editor.request(SCHEDULE, { id: a.id, v: a.version + 2, at });
    const before = Date.now();
    const { publishArticle } = await editor.request<{ publishArticle: { embargoedUntil: null; publishedAt: string } }>(STATUS('publishArticle'), {
      id: a.id,
      v: a.version + 3,
    });
    expect(publishArticle.embargoedUntil).toBeNull();
    // Released now: dated now, not at the cancelled instant.
    expect(new Date(publishArticle.publishedAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(publishArticle.publishedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await seen(server.client(), a, 'marmalade')).paths).toEqual(everywhere(true));
  });

  it('keeps a date the article had, and moves a date it took from an earlier schedule', async () => {
    const row = await createArticle(server.prisma, {
      titles: { FR: 'Dépêche datée' },
      status: 'DRAFT',
      publishedAt: new Date('2024-04-19T00:00:00Z'),
      datePrecision: 'DAY',
    });
    const id = globalIdOf('Article', row.id);
    const first = await editor.request<{ scheduleArticle: Record<string, unknown> }>(SCHEDULE, { id, v: 1, at: inSeconds(600) });
    expect(first.scheduleArticle).toMatchObject({ publishedAt: '2024-04-19T00:00:00.000Z', datePrecision: 'DAY' });

    const undated = await draft('rescheduled');
    const later = inSeconds(7200);
    await editor.request(SCHEDULE, { id: undated.id, v: undated.version, at: inSeconds(3600) });
    const moved = await editor.request<{ scheduleArticle: Record<string, unknown> }>(SCHEDULE, { id: undated.id, v: undated.version + 1, at: later });
    expect(moved.scheduleArticle).toMatchObject({ embargoedUntil: later, publishedAt: later });
  });

  it('refuses an instant in the past or absurdly far, and a live article, in the language asked', async () => {
    const a = await draft('refused');
    const cases = [
      {
        at: '2020-01-01T00:00:00Z',
        FR: "« at » (2020-01-01T00:00:00.000Z) n'est pas dans le futur : une sortie se programme à l'avance ; pour publier tout de suite, utilisez publishArticle.",
        EN: '"at" (2020-01-01T00:00:00.000Z) is not ahead of now: a release is scheduled in the future; to release now, use publishArticle.',
      },
      {
        at: '2999-01-01T00:00:00Z',
        FR: "« at » (2999-01-01T00:00:00.000Z) est à plus de 366 jours : vérifiez l'année.",
        EN: '"at" (2999-01-01T00:00:00.000Z) is more than 366 days ahead: check the year.',
      },
    ];
    for (const c of cases) {
      for (const locale of ['FR', 'EN'] as const) {
        const errors = await graphqlErrors(editor.request(SCHEDULE, { id: a.id, v: a.version, at: c.at, locale }));
        expect(errors).toEqual([
          expect.objectContaining({ message: c[locale], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'at' }) }),
        ]);
      }
    }
    const live = {
      FR: "L'article « id » est déjà public : dépubliez-le avant de programmer une nouvelle sortie.",
      EN: 'The article "id" is already public: unpublish it before scheduling a new release.',
    };
    for (const locale of ['FR', 'EN'] as const) {
      const errors = await graphqlErrors(editor.request(SCHEDULE, { id: seedId, v: seedVersion, at: inSeconds(60), locale }));
      expect(errors).toEqual([expect.objectContaining({ message: live[locale], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    }
    // Not an instant at all: refused by the DateTime scalar (graphql-js's English message, as for every scalar), never an internal error.
    const notInstant = await graphqlErrors(editor.request(SCHEDULE, { id: a.id, v: a.version, at: 'demain' }));
    expect(notInstant).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    // Nothing changed: the version is the same.
    expect((await server.prisma.article.findFirstOrThrow({ where: { slug: a.slug } })).version).toBe(a.version);
    // Readers cannot schedule.
    const anonymous = await graphqlErrors(server.client().request(SCHEDULE, { id: a.id, v: a.version, at: inSeconds(60) }));
    expect(anonymous[0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two schedules made from the same version win; the other is a CONFLICT', async () => {
    const a = await draft('race');
    const [one, two] = await Promise.allSettled(
      [inSeconds(600), inSeconds(1200)].map((at) => editor.request<{ scheduleArticle: { embargoedUntil: string } }>(SCHEDULE, { id: a.id, v: a.version, at })),
    );
    const won = [one, two].filter((r) => r.status === 'fulfilled');
    const lost = [one, two].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(await graphqlErrors(Promise.reject(lost[0]!.reason))).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT', expectedVersion: a.version, currentVersion: a.version + 1 }) }),
    ]);
    const stored = await server.prisma.article.findFirstOrThrow({ where: { slug: a.slug } });
    expect(stored.version).toBe(a.version + 1);
    expect(stored.embargoedUntil!.toISOString()).toBe(
      (won[0] as PromiseFulfilledResult<{ scheduleArticle: { embargoedUntil: string } }>).value.scheduleArticle.embargoedUntil,
    );
  });
});

describe('date precision', () => {
  const CREATE = gql`mutation ($input: CreateArticleInput!, $locale: Locale) {
    createArticle(input: $input, locale: $locale) { id version publishedAt datePrecision dateLabel ninjs jsonLd }
  }`;
  const UPDATE = gql`mutation ($id: ID!, $v: Int!, $input: UpdateArticleInput!, $locale: Locale) {
    updateArticle(id: $id, expectedVersion: $v, input: $input, locale: $locale) { version publishedAt datePrecision dateLabel }
  }`;
  const body = [{ kind: 'TEXT', text: 'Paragraphe.' }];

  it('is null for an undated draft, stamped with the date by publish, DAY for a date given without one, null again when the date goes', async () => {
    type Created = { id: string; version: number; publishedAt: string | null; datePrecision: string | null; dateLabel: string; ninjs: object; jsonLd: object };
    const { createArticle } = await editor.request<{ createArticle: Created }>(CREATE, {
      input: { sourceLocale: 'FR', title: 'Sans date', body },
      locale: 'EN',
    });
    expect(createArticle).toMatchObject({ publishedAt: null, datePrecision: null, dateLabel: 'Date unknown' });
    expect(createArticle.ninjs).not.toHaveProperty('contentCreated');
    expect(createArticle.jsonLd).not.toHaveProperty('datePublished');

    const dated = await editor.request<{ updateArticle: Record<string, unknown> }>(UPDATE, {
      id: createArticle.id,
      v: 1,
      input: { publishedAt: '2024-04-19T00:00:00Z' },
      locale: 'EN',
    });
    expect(dated.updateArticle).toMatchObject({
      version: 2,
      publishedAt: '2024-04-19T00:00:00.000Z',
      datePrecision: 'DAY',
      dateLabel: 'Friday, April 19, 2024',
    });
    const cleared = await editor.request<{ updateArticle: Record<string, unknown> }>(UPDATE, { id: createArticle.id, v: 2, input: { publishedAt: null } });
    expect(cleared.updateArticle).toMatchObject({ version: 3, publishedAt: null, datePrecision: null });

    const { publishArticle } = await editor.request<{ publishArticle: Record<string, unknown> }>(STATUS('publishArticle'), { id: createArticle.id, v: 3 });
    expect(publishArticle).toMatchObject({ datePrecision: 'TIME' });
    expect(publishArticle.publishedAt).not.toBeNull();
  });

  it('refuses a precision without a date, in the language asked', async () => {
    const messages = {
      FR: "« input.datePrecision » demande une date de publication : un article sans date n'a pas de précision.",
      EN: '"input.datePrecision" needs a publication date: an undated article has no precision.',
    };
    for (const locale of ['FR', 'EN'] as const) {
      const errors = await graphqlErrors(
        editor.request(CREATE, { input: { sourceLocale: 'FR', title: 'Précis sans date', body, datePrecision: 'MONTH' }, locale }),
      );
      expect(errors).toEqual([
        expect.objectContaining({
          message: messages[locale],
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'input.datePrecision' }),
        }),
      ]);
    }
    const { createArticle } = await editor.request<{ createArticle: { id: string } }>(CREATE, {
      input: { sourceLocale: 'FR', title: 'Toujours sans date', body },
    });
    const errors = await graphqlErrors(editor.request(UPDATE, { id: createArticle.id, v: 1, input: { datePrecision: 'YEAR' }, locale: 'EN' }));
    expect(errors[0]).toMatchObject({ message: messages.EN, extensions: { code: 'BAD_USER_INPUT' } });
  });
});
