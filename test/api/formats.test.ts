import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { ArticleGenerator } from '../../src/synth/articles.js';
import { generateEntities } from '../../src/synth/entities.js';
import { nigerUsTroops } from '../../src/seed/data/afp-2024-04-niger-us-troops.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createArticle, createEntity } from '../support/fixtures.js';
import { authHeader } from '../support/tokens.js';
import { NINJS_FOLDER, ninjsErrors } from '../../src/formats/ninjs-schema.js';

// biome-ignore lint/suspicious/noExplicitAny: the items' shape is what the JSON Schema checks; the test reads into them freely
type Json = Record<string, any>;
interface Formats {
  id: string;
  title: string;
  fr: Json;
  en: Json;
  ldFr: Json;
  ldEn: Json;
}

const FORMATS = gql`
  query ($slug: String!) {
    article(slug: $slug) { id title fr: ninjs(locale: FR) en: ninjs(locale: EN) ldFr: jsonLd(locale: FR) ldEn: jsonLd(locale: EN) }
  }
`;
const SEED_SLUG = nigerUsTroops.article.slug;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const formatsOf = async (slug: string, client = server.client()) => (await client.request<{ article: Formats | null }>(FORMATS, { slug })).article;

describe('Article.ninjs: IPTC ninjs 3.1', () => {
  it('is checked by a validator that takes the examples shipped with the schema and refuses an item without a uri', () => {
    for (const example of readdirSync(path.join(NINJS_FOLDER, 'examples'))) {
      expect({ example, errors: ninjsErrors(JSON.parse(readFileSync(path.join(NINJS_FOLDER, 'examples', example), 'utf8'))) }).toEqual({ example, errors: [] });
    }
    expect(ninjsErrors({ type: 'text', headlines: [{ value: 'No uri' }] })).toEqual(["/ must have required property 'uri'"]);
  });

  it('gives each language version of the seed dispatch as a valid item, linked to the other', async () => {
    const { fr, en } = (await formatsOf(SEED_SLUG))!;
    expect(ninjsErrors(fr)).toEqual([]);
    expect(ninjsErrors(en)).toEqual([]);
    expect(fr.uri).toMatch(/^urn:depeche:article:\d+$/);
    expect(en.uri).toBe(fr.uri);
    expect([fr.language, en.language]).toEqual(['fr', 'en']);
    expect(fr.headlines).toEqual([{ role: 'main', value: nigerUsTroops.article.fr.title }]);
    expect(en.headlines).toEqual([{ role: 'main', value: nigerUsTroops.article.en.title }]);
    expect(en.descriptions[0].value).toBe(nigerUsTroops.article.en.lede);
    expect(fr.associations).toEqual([expect.objectContaining({ rel: 'translation', uri: fr.uri, language: 'en', headlines: en.headlines })]);
    expect(en.associations).toEqual([expect.objectContaining({ rel: 'original', uri: fr.uri, language: 'fr', headlines: fr.headlines })]);
    expect([fr.pubStatus, fr.by, fr.infoSources]).toEqual(['usable', 'AFP', [{ name: 'AFP', role: 'originator' }]]);
    expect(fr.altIds).toEqual([{ role: 'slug', value: SEED_SLUG }]);
  });

  it('keeps what is known and no more: a MONTH date gets no day, no dateline gives no located', async () => {
    const { fr } = (await formatsOf(SEED_SLUG))!;
    expect(fr).not.toHaveProperty('contentCreated');
    expect(fr).not.toHaveProperty('located');
    expect(fr.firstCreated).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('carries the body as plain text and as HTML with the intertitles as headings', async () => {
    const { fr } = (await formatsOf(SEED_SLUG))!;
    const [plain, rich] = fr.bodies;
    expect(plain.contentType).toBe('text/plain');
    expect(plain.value.startsWith(nigerUsTroops.article.fr.lede)).toBe(true);
    expect(plain.value.split('\n\n')).toHaveLength(1 + nigerUsTroops.article.fr.body.length);
    expect(plain.charCount).toBe(plain.value.length);
    expect(rich.contentType).toBe('text/html');
    expect(rich.value).toContain('<h2>Manifestation</h2>');
    expect(rich.value).toContain('<h2>Africa Corps</h2>');
    expect(rich.value).toContain('&#34;imposé unilatéralement&#34;');
    expect(rich.value.match(/<p>/g)).toHaveLength(1 + nigerUsTroops.article.fr.body.filter((p) => p.kind === 'TEXT').length);
  });

  it('lists the mentioned people, organisations, places and events in the served language, with Wikidata URIs', async () => {
    const { fr, en } = (await formatsOf(SEED_SLUG))!;
    expect(en.people).toContainEqual({ name: 'Vladimir Putin', rel: 'mentioned', uri: 'http://www.wikidata.org/entity/Q7747' });
    expect(fr.people).toContainEqual({ name: 'Vladimir Poutine', rel: 'mentioned', uri: 'http://www.wikidata.org/entity/Q7747' });
    expect(en.places[0]).toEqual({ name: 'Niger', rel: 'mentioned', uri: 'http://www.wikidata.org/entity/Q1032' });
    expect(en.organisations.map((o: Json) => o.name)).toContain('National Council for the Safeguard of the Homeland');
    expect(en.events).toEqual([{ name: '2023 Nigerien coup', rel: 'mentioned', uri: expect.stringMatching(/^urn:depeche:entity:\d+$/) }]);
    const named = [...en.people, ...en.organisations, ...en.places, ...en.events].length;
    expect(named).toBe(nigerUsTroops.article.mentions.length);
  });

  it('marks a draft withheld for editors, whom alone can read it, and gives an exact date and a dateline when known', async () => {
    const geneva = await createEntity(server.prisma, { FR: 'Genève', EN: 'Geneva' }, 'PLACE');
    const publishedAt = new Date('2024-05-02T10:15:00Z');
    const published = await createArticle(server.prisma, { titles: { EN: 'Exact' }, publishedAt, datePrecision: 'TIME', datelineId: geneva.id });
    const draft = await createArticle(server.prisma, { titles: { FR: 'Brouillon' }, status: 'DRAFT' });
    const exact = (await formatsOf(published.slug))!;
    expect(ninjsErrors(exact.en)).toEqual([]);
    expect([exact.en.contentCreated, exact.en.located]).toEqual([publishedAt.toISOString(), 'Geneva']);
    // An English-only article asked in French: the English item, as every field falls back, in English throughout.
    expect([exact.fr.language, exact.fr.located, exact.fr.associations]).toEqual(['en', 'Geneva', undefined]);
    expect(exact.ldEn.datePublished).toBe(publishedAt.toISOString());

    expect(await formatsOf(draft.slug)).toBeNull();
    const editor = server.client(await authHeader(server));
    const seen = (await formatsOf(draft.slug, editor))!;
    expect(ninjsErrors(seen.fr)).toEqual([]);
    expect(seen.fr.pubStatus).toBe('withheld');
    expect(seen.ldFr).not.toHaveProperty('datePublished');
  });

  it('validates for a sample of synthetic articles, in both languages', async () => {
    const entities = generateEntities(11, 60);
    const ids = new Map<number, number>();
    for (const e of entities) {
      const row = await server.prisma.entity.create({
        data: {
          key: `synth-${e.key}`,
          type: e.type,
          translations: {
            create: (['FR', 'EN'] as const).map((locale) => ({ locale, origin: 'ORIGINAL' as const, ...pick(e[locale === 'FR' ? 'fr' : 'en']) })),
          },
        },
      });
      ids.set(e.index, row.id);
    }
    const generator = new ArticleGenerator(11, entities);
    const slugs: string[] = [];
    for (let i = 0; i < 24; i++) {
      const a = generator.article(i);
      const row = await server.prisma.article.create({
        data: {
          slug: `synth-${a.slug}`,
          sourceLocale: a.sourceLocale,
          status: 'PUBLISHED',
          publishedAt: a.publishedAt ?? new Date('2020-01-01T00:00:00Z'),
          datePrecision: a.datePrecision ?? 'DAY',
          agency: a.agency,
          datelineId: a.dateline === null ? null : ids.get(a.dateline)!,
          translations: {
            create: Object.entries(a.text).map(([locale, t]) => ({
              locale: locale as 'FR' | 'EN',
              title: t.title,
              lede: t.lede,
              body: t.body as object[],
              origin: locale === a.sourceLocale ? ('ORIGINAL' as const) : a.translationOrigin,
              status: 'PUBLISHED' as const,
            })),
          },
          mentions: { create: [...a.mentions].map(([entity, count]) => ({ entityId: ids.get(entity)!, count })) },
        },
      });
      slugs.push(row.slug);
    }
    for (const slug of slugs) {
      const f = (await formatsOf(slug))!;
      expect({ slug, fr: ninjsErrors(f.fr), en: ninjsErrors(f.en) }).toEqual({ slug, fr: [], en: [] });
      expect(f.fr.uri).toBe(f.en.uri);
    }
  });

  it('costs one statement for the formats of a whole page, whatever its size', async () => {
    const page = (first: number) =>
      server.countStatements(() =>
        server.client().request(gql`query ($first: Int) { articles(first: $first) { edges { node { ninjs jsonLd } } } }`, { first }),
      );
    const [small, large] = [await page(2), await page(20)];
    expect(large.statements).toBe(small.statements);
  });
});

describe('Article.jsonLd: schema.org NewsArticle', () => {
  it('links the language versions both ways and dates them as precisely as known', async () => {
    const { ldFr, ldEn, fr } = (await formatsOf(SEED_SLUG))!;
    expect(ldFr).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': `${fr.uri}#fr`,
      identifier: fr.uri,
      inLanguage: 'fr',
      headline: nigerUsTroops.article.fr.title,
      datePublished: '2024-04',
      sourceOrganization: { '@type': 'Organization', name: 'AFP' },
      workTranslation: [{ '@type': 'NewsArticle', '@id': `${fr.uri}#en`, inLanguage: 'en', headline: nigerUsTroops.article.en.title }],
    });
    expect(ldEn).toMatchObject({
      '@id': `${fr.uri}#en`,
      inLanguage: 'en',
      datePublished: '2024-04',
      translationOfWork: { '@id': `${fr.uri}#fr`, inLanguage: 'fr' },
    });
    expect(ldEn).not.toHaveProperty('workTranslation');
    expect(ldEn.articleBody.startsWith(nigerUsTroops.article.en.lede)).toBe(true);
  });

  it('says what the dispatch is about and what it mentions, with sameAs Wikidata where known', async () => {
    const { ldEn } = (await formatsOf(SEED_SLUG))!;
    expect(ldEn.about[0]).toEqual({ '@type': 'Place', name: 'Niger', sameAs: 'http://www.wikidata.org/entity/Q1032' });
    expect(ldEn.about.length + ldEn.mentions.length).toBe(nigerUsTroops.article.mentions.length);
    expect(ldEn.mentions).toContainEqual({ '@type': 'Person', name: 'Vladimir Putin', sameAs: 'http://www.wikidata.org/entity/Q7747' });
    expect(ldEn.mentions).toContainEqual({ '@type': 'Person', name: 'Kurt Campbell' });
  });
});

const pick = (t: { name: string; description: string; aliases: string[] }) => ({ name: t.name, description: t.description, aliases: t.aliases });
