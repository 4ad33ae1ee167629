import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectBenchDocumentsAlike, fillForParity, PARITY_CASES, postAnswer } from '../support/parity.js';

// A zone far from UTC, with a part-hour offset: a `timestamp` read as local time anywhere (Prisma's
// raw path on PGlite did, before UtcPrismaPGlite) moves by 12 h 45 min or 13 h 45 min.
process.env.TZ = 'Pacific/Chatham';

/**
 * Reads on the driver itself (DB_DIRECT_READS=on, the default) against reads through Prisma's
 * raw-query engine (off): two servers on two databases filled the same way answer every benchmark
 * document and the parity cases (aliases, fragments, errors, editors' fields, mutations) alike,
 * dates included; and the direct server's reads do not go through Prisma at all.
 */
let direct: TestServer;
let prisma: TestServer;
const editors = new Map<TestServer, Record<string, string>>();

beforeAll(async () => {
  [direct, prisma] = await Promise.all([startTestServer({ DB_DIRECT_READS: 'on' }), startTestServer({ DB_DIRECT_READS: 'off' })]);
  for (const server of [direct, prisma]) {
    editors.set(server, await fillForParity(server));
    // An embargo and a publication date with milliseconds: `timestamp` columns read back as instants.
    await server.prisma.article.update({
      where: { slug: 'chronicle-7' },
      data: { embargoedUntil: new Date('2031-01-02T03:04:05.678Z'), publishedAt: new Date('2024-07-08T23:59:59.123Z') },
    });
  }
});
afterAll(async () => {
  await Promise.all([direct?.close(), prisma?.close()]);
});

const both = async (body: Record<string, unknown>, headers: (server: TestServer) => Record<string, string>) => ({
  direct: await postAnswer(direct, body, headers(direct)),
  prisma: await postAnswer(prisma, body, headers(prisma)),
});

describe('direct reads answer as reads through Prisma do', () => {
  it('on every benchmark document', () => expectBenchDocumentsAlike(direct, prisma));

  const CASES = [
    ...PARITY_CASES,
    {
      name: "an editor's embargoed article, its dates and texts",
      body: {
        query: '{ article(slug: "chronicle-7") { publishedAt embargoedUntil status version translations { locale title version origin reviewedAt } } }',
      },
      editor: true,
    },
    {
      name: "an editor's feed between two dates",
      body: {
        query:
          '{ articles(first: 5, filter: { publishedAfter: "2024-07-05T00:00:00Z", publishedBefore: "2024-07-12T00:00:00Z" }) { totalCount edges { cursor node { slug publishedAt embargoedUntil } } } }',
      },
      editor: true,
    },
    {
      name: 'an entity page with its quotes and counts',
      body: {
        query:
          '{ entities(first: 2, locale: FR) { edges { node { name articles(first: 3) { totalCount edges { node { title publishedAt } } } quotes(first: 2) { totalCount edges { node { text } } } } } } }',
      },
    },
    {
      name: 'the translation queue',
      body: { query: '{ translationQueue(locale: EN, first: 5) { totalCount edges { node { reason article { slug } } } } }' },
      editor: true,
    },
  ];

  it.each(CASES)('$name', async ({ body, editor, headers }) => {
    const answers = await both(body, (server) => ({ ...headers, ...(editor ? editors.get(server) : {}) }));
    expect(answers.direct).toEqual(answers.prisma);
  });

  it.each(['direct', 'prisma'])('serves the instants stored, whatever the time zone of the process (%s)', async (which) => {
    const server = which === 'direct' ? direct : prisma;
    const article = { query: '{ article(slug: "chronicle-7") { publishedAt embargoedUntil } }' };
    expect((await postAnswer(server, article, editors.get(server))).body).toEqual({
      data: { article: { publishedAt: '2024-07-08T23:59:59.123Z', embargoedUntil: '2031-01-02T03:04:05.678Z' } },
    });
    const feed = { query: '{ articles(first: 2, filter: { publishedBefore: "2024-07-03T00:00:00Z" }) { edges { node { slug publishedAt } } } }' };
    expect((await postAnswer(server, feed)).body).toEqual({
      data: {
        articles: {
          edges: [
            { node: { slug: 'chronicle-1', publishedAt: '2024-07-02T00:00:00.000Z' } },
            { node: { slug: 'chronicle-0', publishedAt: '2024-07-01T00:00:00.000Z' } },
          ],
        },
      },
    });
    // And through Prisma's model API, on the same adapter.
    const stored = await server.prisma.article.findUniqueOrThrow({ where: { slug: 'chronicle-7' }, select: { publishedAt: true, embargoedUntil: true } });
    expect(stored).toEqual({ publishedAt: new Date('2024-07-08T23:59:59.123Z'), embargoedUntil: new Date('2031-01-02T03:04:05.678Z') });
  });

  it('reads the feed without Prisma, in one statement', async () => {
    const through = (server: TestServer) => {
      let statements = 0;
      server.prisma.$on('query', () => statements++);
      return () => statements;
    };
    const viaPrisma = { direct: through(direct), prisma: through(prisma) };
    const feed = { query: '{ articles(first: 10, locale: EN) { edges { node { title quotes { text speaker { name } } mentions { entity { name } } } } } }' };
    const counted = await direct.countStatements(() => postAnswer(direct, feed));
    expect(counted.statements).toBe(1);
    await postAnswer(prisma, feed);
    expect({ direct: viaPrisma.direct(), prisma: viaPrisma.prisma() }).toEqual({ direct: 0, prisma: 1 });
  });
});
