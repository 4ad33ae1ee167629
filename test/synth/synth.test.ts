import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ArticleGenerator } from '../../src/synth/articles.js';
import { generateEntities } from '../../src/synth/entities.js';
import { synthesize, type SynthResult } from '../../src/synth/load.js';
import { createDatabase, dropDatabase, uniqueName, urlFor } from '../support/databases.js';

// db:synth writes PostgreSQL only (archive-scale data is not for the embedded database), so this
// file uses the PostgreSQL server in both suite modes: the migrated template on TEST_DB=postgresql,
// else a database of its own migrated by the real CLI.
const ARTICLES = 60;
const ENTITIES = 300;
let database: string;
let client: pg.Client;
let result: SynthResult;

beforeAll(async () => {
  database = uniqueName('depeche_synth');
  const template = inject('templateDatabase');
  await createDatabase(database, template ?? undefined);
  if (!template) await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: urlFor(database) } });
  result = await synthesize({ databaseUrl: urlFor(database), articles: ARTICLES, seed: 7, entities: ENTITIES, batchSize: 25 });
  client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  if (database) await dropDatabase(database);
});

const rows = async <T = Record<string, unknown>>(sql: string) => (await client.query(sql)).rows as T[];

describe('db:synth', () => {
  it('writes the articles and entities asked for, with their texts', async () => {
    expect(result).toMatchObject({ articles: ARTICLES, entities: ENTITIES });
    const [counts] = await rows<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM "Article") AS articles, (SELECT count(*)::int FROM "Entity") AS entities,
      (SELECT count(*)::int FROM "EntityTranslation" WHERE cardinality(aliases) >= 1) AS named,
      (SELECT count(*)::int FROM "Quote") AS quotes, (SELECT count(*)::int FROM "Mention") AS mentions`);
    expect(counts).toEqual({ articles: ARTICLES, entities: ENTITIES, named: 2 * ENTITIES, quotes: result.quotes, mentions: result.mentions });
  });

  it('keeps every article within the ranges of the spec', async () => {
    const articles = await rows<{ paragraphs: number; quotes: number; mentions: number; en: boolean; status: string; publishedAt: Date | null }>(`
      SELECT (SELECT max(jsonb_array_length(body)) FROM "ArticleTranslation" t WHERE t."articleId" = a.id)::int AS paragraphs,
        (SELECT count(*) FROM "Quote" q WHERE q."articleId" = a.id)::int AS quotes,
        (SELECT count(*) FROM "Mention" m WHERE m."articleId" = a.id)::int AS mentions,
        EXISTS (SELECT 1 FROM "ArticleTranslation" t WHERE t."articleId" = a.id AND t.locale = 'EN') AS en,
        a.status, a."publishedAt"
      FROM "Article" a`);
    for (const a of articles) {
      expect(a.paragraphs).toBeGreaterThanOrEqual(6);
      expect(a.paragraphs).toBeLessThanOrEqual(12);
      expect(a.quotes).toBeLessThanOrEqual(8);
      expect(a.mentions).toBeGreaterThanOrEqual(3);
      expect(a.mentions).toBeLessThanOrEqual(15);
      if (a.status === 'PUBLISHED') expect(a.publishedAt).not.toBeNull();
    }
    const untranslated = articles.filter((a) => !a.en).length / articles.length;
    expect(untranslated).toBeGreaterThan(0.05);
    expect(untranslated).toBeLessThan(0.4);
    expect(articles.filter((a) => a.status === 'PUBLISHED').length / articles.length).toBeGreaterThan(0.8);
  });

  it('gives text search something to find in both languages', async () => {
    const [hits] = await rows<{ fr: number; en: number }>(`SELECT
      count(*) FILTER (WHERE locale = 'FR' AND search @@ to_tsquery('depeche_fr', 'manifestant'))::int AS fr,
      count(*) FILTER (WHERE locale = 'EN' AND search @@ to_tsquery('depeche_en', 'protester'))::int AS en
      FROM "ArticleTranslation"`);
    expect(hits!.fr).toBeGreaterThan(0);
    expect(hits!.en).toBeGreaterThan(0);
  });

  it('leaves the id sequences after the rows it wrote', async () => {
    const [next] = await rows<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"Article"', 'id'))::int AS id`);
    expect(next!.id).toBe(ARTICLES + 1);
  });
});

describe('the generator', () => {
  it('gives the same data for the same seed, other data for another seed', () => {
    const build = (seed: number) => {
      const entities = generateEntities(seed, ENTITIES);
      const generator = new ArticleGenerator(seed, entities);
      return JSON.stringify({ entities, articles: [0, 1, 2, 30].map((i) => ({ ...generator.article(i), mentions: [...generator.article(i).mentions] })) });
    };
    expect(build(7)).toBe(build(7));
    expect(build(8)).not.toBe(build(7));
  });

  it('makes article i the same whatever the size of the data set (smaller sets are prefixes)', () => {
    const entities = generateEntities(7, ENTITIES);
    const a = new ArticleGenerator(7, entities);
    const b = new ArticleGenerator(7, entities);
    for (let i = 0; i < 50; i++) a.article(i);
    expect(a.article(50)).toEqual(b.article(50));
  });

  it('names every entity in both languages, each name once per language', () => {
    const entities = generateEntities(42, 5000);
    expect(entities).toHaveLength(5000);
    expect(new Set(entities.map((e) => e.fr.name)).size).toBe(5000);
    expect(new Set(entities.map((e) => e.en.name)).size).toBe(5000);
    expect(new Set(entities.map((e) => e.type))).toEqual(new Set(['PERSON', 'ORGANIZATION', 'PLACE', 'EVENT', 'OTHER']));
  });
});
