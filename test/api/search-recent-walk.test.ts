import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

/**
 * A search matches the texts and quotes of the newest SEARCH_RECENT_ARTICLES articles one by one,
 * then walks on or uses the text index for older ones (newestMatches in src/search/search.sql.ts).
 * Whatever way it takes, it must find the hits the index alone finds: the same newest 1,000
 * matching texts of each source, the same order. The archive below makes every way run at a window of 9 articles (walking on
 * covers 81): words in every quote (the cut falls inside the walk), in one quote an article
 * (the index after the window), only in old articles (the cut falls inside the index's share),
 * and in the newest and the oldest articles only (the walk on finds nothing and gives way to the
 * index). Dates tie in fours, and a tie straddles each boundary (the reader's 9th and 10th
 * articles, the 81st and 82nd); some English versions are unpublished, one article is embargoed,
 * one is a draft and some are archived, so visibility decides inside each way. Article texts hold
 * the same words as their quotes but the one-per-article word.
 */
const ARTICLES = 120;
const QUOTES = 8;
const WORDS = {
  everywhere: 'vorpal',
  onePerArticle: 'tumtum',
  oldOnly: 'jabberwock',
  newestAndOldest: 'frabjous',
} as const;

function wordsOf(article: number, position: number): string[] {
  const words: string[] = [WORDS.everywhere];
  if (position === 0) words.push(WORDS.onePerArticle);
  if (article >= 40) words.push(WORDS.oldOnly);
  if (article < 10 || article >= 100) words.push(WORDS.newestAndOldest);
  return words;
}

/** The same archive in every server's database, written in the same order: the same ids. */
async function writeArchive(server: TestServer) {
  const day = 24 * 3600 * 1000;
  for (let i = 0; i < ARTICLES; i++) {
    const draft = i === 7;
    await server.prisma.article.create({
      data: {
        slug: `walk-${i}`,
        sourceLocale: 'FR',
        status: draft ? 'DRAFT' : i % 7 === 5 ? 'ARCHIVED' : 'PUBLISHED',
        publishedAt: draft ? null : new Date(Date.UTC(2024, 5, 1) - Math.floor(i / 4) * day),
        datePrecision: draft ? null : 'DAY',
        embargoedUntil: i === 3 ? new Date(Date.now() + 365 * day) : null,
        translations: {
          create: (['FR', 'EN'] as const).map((locale) => ({
            locale,
            title: `${locale === 'FR' ? 'Dépêche' : 'Dispatch'} ${i}`,
            // The article's own text: every word of its quotes but the one-per-article one.
            lede: wordsOf(i, 1).join(' '),
            origin: locale === 'FR' ? 'ORIGINAL' : 'HUMAN',
            status: locale === 'EN' && i % 5 === 2 ? 'DRAFT' : 'PUBLISHED',
          })),
        },
        quotes: {
          create: Array.from({ length: QUOTES }, (_, position) => ({
            position,
            originalLocale: 'FR' as const,
            translations: {
              create: (['FR', 'EN'] as const).map((locale) => ({
                locale,
                origin: locale === 'FR' ? ('ORIGINAL' as const) : ('HUMAN' as const),
                text: `${locale === 'FR' ? 'Propos' : 'Remark'} ${i}.${position} ${wordsOf(i, position).join(' ')}`,
              })),
            },
          })),
        },
      },
    });
  }
}

const HITS = `query ($q: String!, $after: String, $filter: SearchFilter) {
  search(query: $q, locale: EN, first: 100, after: $after, filter: $filter) {
    totalCount
    edges { node { kind rank matchedLocale ... on QuoteHit { quote { id text } } ... on ArticleHit { article { id } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  search: { totalCount: number; edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Every hit of a search, page by page, as a reader (or the editor whose headers are given) sees them. */
async function allHits(server: TestServer, q: string, filter: Record<string, unknown>, headers: Record<string, string> = {}) {
  const client = server.client(headers);
  const hits: Record<string, unknown>[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page: Page = await client.request<Page>(HITS, { q, after, filter });
    total = page.search.totalCount;
    hits.push(...page.search.edges.map((e) => e.node));
    if (!page.search.pageInfo.hasNextPage) break;
    after = page.search.pageInfo.endCursor;
  }
  return { total, hits };
}

let indexOnly: TestServer;
let walking: TestServer;
let byDefault: TestServer;

beforeAll(async () => {
  [indexOnly, walking, byDefault] = await Promise.all([
    startTestServer({ SEARCH_RECENT_ARTICLES: '0' }),
    startTestServer({ SEARCH_RECENT_ARTICLES: '9' }),
    startTestServer(),
  ]);
  for (const server of [indexOnly, walking, byDefault]) await writeArchive(server);
}, 120_000);
afterAll(async () => {
  await Promise.all([indexOnly?.close(), walking?.close(), byDefault?.close()]);
});

const quotesOnly = { kinds: ['QUOTE'] };
const CASES: { name: string; q: string; filter: Record<string, unknown> }[] = [
  // 1,000 newest visible texts: 8 French quotes an article, English too where published.
  { name: 'a word in every quote (cut inside the walk)', q: WORDS.everywhere, filter: quotesOnly },
  { name: 'a word in one quote an article (the index after the window)', q: WORDS.onePerArticle, filter: quotesOnly },
  { name: 'a word of the older articles only (cut inside the index)', q: WORDS.oldOnly, filter: quotesOnly },
  { name: 'a word of the newest and oldest articles (the walk on gives way)', q: WORDS.newestAndOldest, filter: quotesOnly },
  { name: 'every kind of hit', q: `${WORDS.onePerArticle} OR ${WORDS.oldOnly}`, filter: {} },
  { name: 'articles and quotes of a word found everywhere', q: WORDS.everywhere, filter: {} },
  { name: 'only archived articles (a status filter narrows the walk)', q: WORDS.everywhere, filter: { status: ['ARCHIVED'] } },
  {
    name: 'published before a date (the window moves with the filter)',
    q: WORDS.everywhere,
    filter: { ...quotesOnly, publishedBefore: '2024-05-20T00:00:00Z' },
  },
];

describe('search hits, walking the newest articles or through the index alone', () => {
  it.each(CASES.filter((c) => !c.filter.status))('$name: the same hits in the same order, for a reader', async ({ q, filter }) => {
    const expected = await allHits(indexOnly, q, filter);
    expect(expected.hits.length).toBe(expected.total);
    expect(expected.total).toBeGreaterThan(0);
    expect(await allHits(walking, q, filter)).toEqual(expected);
    expect(await allHits(byDefault, q, filter)).toEqual(expected);
  });

  // An editor sees drafts (undated: first in the order), embargoed articles and every language,
  // through one scan of the feed index per status, merged.
  it.each(CASES)('$name: the same hits in the same order, for an editor', async ({ q, filter }) => {
    const editors = await Promise.all([indexOnly, walking, byDefault].map((server) => authHeader(server)));
    const expected = await allHits(indexOnly, q, filter, editors[0]);
    expect(expected.hits.length).toBe(expected.total);
    expect(expected.total).toBeGreaterThan(0);
    expect(await allHits(walking, q, filter, editors[1])).toEqual(expected);
    expect(await allHits(byDefault, q, filter, editors[2])).toEqual(expected);
  });

  it('keeps the newest 1,000 matching texts of a word found everywhere, no more', async () => {
    const { hits } = await allHits(walking, WORDS.everywhere, quotesOnly);
    const articles = new Set(hits.map((h) => Number(/ (\d+)\./.exec((h.quote as { text: string }).text)![1])));
    // The reader's articles newest first (dates tie in fours, the larger id first), without the
    // embargoed one (3), the draft (7) and the archived ones; each has 8 French texts, and 8 English ones where its
    // English version is published.
    const order = Array.from({ length: ARTICLES }, (_, i) => i)
      .filter((i) => i !== 3 && i !== 7 && i % 7 !== 5)
      .sort((a, b) => Math.floor(a / 4) - Math.floor(b / 4) || b - a);
    const expected = new Set<number>();
    for (let texts = 0, k = 0; texts < 1000; k++) {
      expected.add(order[k]!);
      texts += order[k]! % 5 === 2 ? QUOTES : 2 * QUOTES;
    }
    expect(articles).toEqual(expected);
  });
});
