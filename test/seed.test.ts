import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nigerUsTroops } from '../src/seed/data/afp-2024-04-niger-us-troops.js';
import { seedDatabase, seedDate } from '../src/seed/seed.js';
import { projectRoot } from '../src/paths.js';
import { startTestServer, type TestServer } from './support/server.js';

// The raw wire text as received (a copy of shared/seeds/afp-2024-04-niger-us-troops.fr.txt).
const raw = readFileSync(path.join(projectRoot, 'src/seed/data/afp-2024-04-niger-us-troops.fr.txt'), 'utf8');
const rawParagraphs = raw
  .replace(/^\s*date \d{4}-\d{2}\s*/, '')
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);

describe('the seed dispatch data', () => {
  const { article, entities } = nigerUsTroops;

  it('keeps the French text exactly as the agency wrote it', () => {
    const seeded = [article.fr.lede, ...article.fr.body.map((p) => (p.kind === 'HEADING' ? `- ${p.text} -` : p.text))];
    expect(seeded).toEqual(rawParagraphs);
  });

  it('has an English translation paragraph for paragraph', () => {
    expect(article.en.body.map((p) => p.kind)).toEqual(article.fr.body.map((p) => p.kind));
    expect(article.en.body.every((p, i) => p.text !== article.fr.body[i]!.text || p.kind === 'HEADING')).toBe(true);
  });

  it('carries every quoted span of the text, translated inside the English paragraphs', () => {
    const spans = [...raw.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(article.quotes.map((q) => q.fr)).toEqual(spans);
    for (const q of article.quotes) {
      const en = q.paragraph === -1 ? article.en.lede : article.en.body[q.paragraph]!.text;
      expect(en).toContain(`"${q.en}"`);
    }
  });

  it('names at least 20 entities with both languages, mentioned at least once, speakers among them', () => {
    expect(entities.length).toBeGreaterThanOrEqual(20);
    const keys = new Set(entities.map((e) => e.key));
    expect(keys.size).toBe(entities.length);
    for (const m of article.mentions) expect(keys.has(m.entity) && m.count >= 1).toBe(true);
    for (const q of article.quotes) if (q.speaker) expect(keys.has(q.speaker)).toBe(true);
    for (const e of entities) expect(e.fr.name && e.en.name && e.fr.description && e.en.description).toBeTruthy();
    const aliases = entities.flatMap((e) => [...e.fr.aliases.map((a) => `fr:${a}`), ...e.en.aliases.map((a) => `en:${a}`)]);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('gives the quotes a speaker wherever the text says who spoke', () => {
    const spoken = article.quotes.filter((q) => q.speaker);
    expect(spoken.length).toBeGreaterThanOrEqual(6);
    expect(article.quotes.filter((q) => ['le pouvoir', 'un communiqué officiel nigérien'].includes(q.attribution.fr)).map((q) => q.speaker)).toEqual(
      Array(4).fill('niger-military-government'),
    );
  });

  it('dates the article no more precisely than the source', () => {
    expect(raw).toMatch(/^\s*date 2024-04\s/);
    expect(article).toMatchObject({ published: '2024-04', datePrecision: 'MONTH' });
    expect(seedDate('2024-04').toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(seedDate('2024').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(seedDate('2024-04-19').toISOString()).toBe('2024-04-19T00:00:00.000Z');
  });
});

describe('seeding', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const counts = async (prisma: TestServer['prisma']) => ({
    articles: await prisma.article.count(),
    articleTexts: await prisma.articleTranslation.count(),
    quotes: await prisma.quote.count(),
    quoteTexts: await prisma.quoteTranslation.count(),
    entities: await prisma.entity.count(),
    entityTexts: await prisma.entityTranslation.count(),
    mentions: await prisma.mention.count(),
  });

  it('wrote the dispatch once', async () => {
    expect(await counts(server.prisma)).toEqual({
      articles: 1,
      articleTexts: 2,
      quotes: nigerUsTroops.article.quotes.length,
      quoteTexts: 2 * nigerUsTroops.article.quotes.length,
      entities: nigerUsTroops.entities.length,
      entityTexts: 2 * nigerUsTroops.entities.length,
      mentions: nigerUsTroops.article.mentions.length,
    });
  });

  it('is idempotent and never overwrites an editor’s change', async () => {
    const before = await counts(server.prisma);
    await server.prisma.articleTranslation.updateMany({ where: { locale: 'EN' }, data: { title: 'Edited by a human' } });
    expect(await seedDatabase(server.prisma)).toEqual({ entitiesCreated: 0, articlesCreated: 0 });
    expect(await counts(server.prisma)).toEqual(before);
    expect((await server.prisma.articleTranslation.findFirst({ where: { locale: 'EN' } }))!.title).toBe('Edited by a human');
  });
});
