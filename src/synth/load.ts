import pg from 'pg';
import { ArticleGenerator, type Locale, type SynthArticle } from './articles.js';
import { generateEntities } from './entities.js';

export interface SynthOptions {
  databaseUrl: string;
  articles: number;
  seed: number;
  entities: number;
  /** Articles per INSERT batch (one transaction each). */
  batchSize: number;
  log?: (message: string) => void;
}

export interface SynthResult {
  articles: number;
  entities: number;
  quotes: number;
  mentions: number;
  translations: number;
  /** Wall time of generating and inserting, then of VACUUM ANALYZE, in ms. */
  loadMs: number;
  analyzeMs: number;
}

type Column = [name: string, type: string, select?: string];

/**
 * One INSERT per table and batch: every column travels as one array parameter and unnest turns
 * them back into rows, so 1,000 articles cost a handful of round trips (no COPY dependency needed).
 */
async function insert(client: pg.ClientBase | pg.Pool, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns.map(([, , expr], i) => (expr ? expr.replaceAll('$', `c${i}`) : `c${i}`)).join(', ');
  await client.query(
    `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${params}) AS t(${aliases.join(', ')})`,
    columns.map((_, i) => rows.map((r) => r[i])),
  );
}

const iso = (d: Date) => d.toISOString();
const TABLES = ['Entity', 'EntityTranslation', 'Article', 'ArticleTranslation', 'Quote', 'QuoteTranslation'] as const;

/** Generates the data set and writes it into a migrated database, after whatever rows it holds. */
export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const log = options.log ?? (() => {});
  // UTC: the ISO strings become timestamp(3) values as Prisma writes them, whatever the server's zone.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, options: '-c TimeZone=UTC -c maintenance_work_mem=256MB' });
  const started = performance.now();
  try {
    const offsets: Record<string, number> = {};
    for (const table of TABLES) {
      offsets[table] = Number((await pool.query(`SELECT coalesce(max(id), 0) AS n FROM "${table}"`)).rows[0].n);
    }
    const deferred = await deferSearchIndexes(pool, offsets);
    const entities = generateEntities(options.seed, options.entities);
    const entityId = (index: number) => offsets.Entity! + index + 1;
    const created = iso(new Date(Date.UTC(2012, 0, 1)));
    await insert(
      pool,
      'Entity',
      [
        ['id', 'int'],
        ['key', 'text'],
        ['type', '"EntityType"'],
        ['createdAt', 'timestamptz'],
        ['updatedAt', 'timestamptz'],
      ],
      entities.map((e) => [entityId(e.index), e.key, e.type, created, created]),
    );
    await insert(
      pool,
      'EntityTranslation',
      entityTranslationColumns,
      entities.flatMap((e, i) =>
        (['FR', 'EN'] as const).map((l, n) => [
          offsets.EntityTranslation! + 2 * i + n + 1,
          entityId(e.index),
          l,
          e[l === 'FR' ? 'fr' : 'en'].name,
          e[l === 'FR' ? 'fr' : 'en'].description,
          JSON.stringify(e[l === 'FR' ? 'fr' : 'en'].aliases),
          l === 'FR' ? 'ORIGINAL' : 'HUMAN',
          created,
          created,
        ]),
      ),
    );
    log(`${entities.length} entities`);

    const generator = new ArticleGenerator(options.seed, entities);
    const ids = { translation: offsets.ArticleTranslation!, quote: offsets.Quote!, quoteTranslation: offsets.QuoteTranslation! };
    const totals = { quotes: 0, mentions: 0, translations: 0 };
    const inFlight = new Set<Promise<void>>();
    for (let from = 0; from < options.articles; from += options.batchSize) {
      const batch: SynthArticle[] = [];
      for (let i = from; i < Math.min(options.articles, from + options.batchSize); i++) batch.push(generator.article(i));
      const rows = articleRows(batch, offsets.Article!, entityId, ids);
      totals.quotes += rows.quotes.length;
      totals.mentions += rows.mentions.length;
      totals.translations += rows.translations.length;
      // Two batches in flight: PostgreSQL builds one's search vectors while Node generates the next.
      const job = writeBatch(pool, rows).finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= 2) await Promise.race(inFlight);
      if ((from / options.batchSize) % 10 === 9) log(`${from + batch.length} articles`);
    }
    await Promise.all(inFlight);
    for (const table of TABLES) {
      await pool.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
    if (deferred.length > 0) log(`building ${deferred.length} search indexes`);
    for (const definition of deferred) await pool.query(definition);
    const loadMs = performance.now() - started;
    const analyzeStarted = performance.now();
    await pool.query('VACUUM ANALYZE');
    return {
      articles: options.articles,
      entities: entities.length,
      ...totals,
      loadMs,
      analyzeMs: performance.now() - analyzeStarted,
    };
  } finally {
    await pool.end();
  }
}

/**
 * On empty tables, drops the GIN indexes of text search and name lookup and returns their exact
 * definitions, to build them once at the end: a bulk GIN build is much cheaper than 100,000
 * incremental inserts. Tables that already hold rows keep their indexes (nothing to gain).
 */
async function deferSearchIndexes(pool: pg.Pool, offsets: Record<string, number>): Promise<string[]> {
  if (offsets.ArticleTranslation! > 0 || offsets.EntityTranslation! > 0) return [];
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename IN ('ArticleTranslation', 'QuoteTranslation', 'EntityTranslation') AND indexdef LIKE '%USING gin%'`,
  );
  for (const { name } of rows) await pool.query(`DROP INDEX "${name}"`);
  return rows.map((r) => r.definition);
}

const entityTranslationColumns: Column[] = [
  ['id', 'int'],
  ['entityId', 'int'],
  ['locale', '"Locale"'],
  ['name', 'text'],
  ['description', 'text'],
  ['aliases', 'text', 'ARRAY(SELECT jsonb_array_elements_text($::jsonb))'],
  ['origin', '"TranslationOrigin"'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
];

interface BatchRows {
  articles: unknown[][];
  translations: unknown[][];
  quotes: unknown[][];
  quoteTranslations: unknown[][];
  mentions: unknown[][];
}

function articleRows(
  batch: SynthArticle[],
  articleOffset: number,
  entityId: (i: number) => number,
  ids: { translation: number; quote: number; quoteTranslation: number },
): BatchRows {
  const rows: BatchRows = { articles: [], translations: [], quotes: [], quoteTranslations: [], mentions: [] };
  for (const a of batch) {
    const id = articleOffset + a.index + 1;
    const created = iso(a.createdAt);
    rows.articles.push([
      id,
      a.slug,
      a.sourceLocale,
      a.status,
      a.publishedAt && iso(a.publishedAt),
      a.datePrecision,
      a.dateline === null ? null : entityId(a.dateline),
      a.agency,
      created,
      created,
    ]);
    const locales = (['FR', 'EN'] as const).filter((l) => a.text[l]);
    const origin = (l: Locale) => (l === a.sourceLocale ? 'ORIGINAL' : a.translationOrigin);
    for (const l of locales) {
      const t = a.text[l]!;
      // The archive as readers have it: every language version published.
      rows.translations.push([++ids.translation, id, l, t.title, t.lede, JSON.stringify(t.body), origin(l), 'PUBLISHED', created, created]);
    }
    a.quotes.forEach((q, position) => {
      const quoteId = ++ids.quote;
      rows.quotes.push([quoteId, id, q.speaker === null ? null : entityId(q.speaker), a.sourceLocale, position, created, created]);
      for (const l of locales) rows.quoteTranslations.push([++ids.quoteTranslation, quoteId, l, q.text[l], q.attribution[l], origin(l), created, created]);
    });
    for (const [entity, count] of a.mentions) rows.mentions.push([id, entityId(entity), count]);
  }
  return rows;
}

async function writeBatch(pool: pg.Pool, rows: BatchRows): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const stamps: Column[] = [
      ['createdAt', 'timestamptz'],
      ['updatedAt', 'timestamptz'],
    ];
    await insert(
      client,
      'Article',
      [
        ['id', 'int'],
        ['slug', 'text'],
        ['sourceLocale', '"Locale"'],
        ['status', '"ArticleStatus"'],
        ['publishedAt', 'timestamptz'],
        ['datePrecision', '"DatePrecision"'],
        ['datelineId', 'int'],
        ['agency', 'text'],
        ...stamps,
      ],
      rows.articles,
    );
    await insert(
      client,
      'ArticleTranslation',
      [
        ['id', 'int'],
        ['articleId', 'int'],
        ['locale', '"Locale"'],
        ['title', 'text'],
        ['lede', 'text'],
        ['body', 'jsonb'],
        ['origin', '"TranslationOrigin"'],
        ['status', '"TranslationStatus"'],
        ...stamps,
      ],
      rows.translations,
    );
    await insert(
      client,
      'Quote',
      [['id', 'int'], ['articleId', 'int'], ['speakerId', 'int'], ['originalLocale', '"Locale"'], ['position', 'int'], ...stamps],
      rows.quotes,
    );
    await insert(
      client,
      'QuoteTranslation',
      [['id', 'int'], ['quoteId', 'int'], ['locale', '"Locale"'], ['text', 'text'], ['attribution', 'text'], ['origin', '"TranslationOrigin"'], ...stamps],
      rows.quoteTranslations,
    );
    await insert(
      client,
      'Mention',
      [
        ['articleId', 'int'],
        ['entityId', 'int'],
        ['count', 'int'],
      ],
      rows.mentions,
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
