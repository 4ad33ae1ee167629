// The practical limit: one SQL statement builds the whole JSON answer (json_agg), a bare
// node:http handler sends it. Same shape and language fallback (EN, else FR) as Dépêche's
// answer, labels included. Env: DATABASE_URL, PORT, DB_POOL_SIZE.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

// The text row in the requested language ($1), else the other one.
const pick = (table, fk, id, columns) => `(SELECT ${columns} FROM "${table}" x WHERE x."${fk}" = ${id} ORDER BY (x.locale = $1::"Locale") DESC LIMIT 1)`;
const TYPE_LABEL = `CASE e.type WHEN 'PERSON' THEN 'Person' WHEN 'ORGANIZATION' THEN 'Organization' WHEN 'PLACE' THEN 'Place' WHEN 'EVENT' THEN 'Event' ELSE 'Other' END`;
const DATE_LABEL = `CASE p."datePrecision"
  WHEN 'YEAR' THEN to_char(p."publishedAt", 'YYYY')
  WHEN 'MONTH' THEN to_char(p."publishedAt", 'FMMonth YYYY')
  WHEN 'DAY' THEN to_char(p."publishedAt", 'FMDay, FMMonth FMDD, YYYY')
  ELSE to_char(p."publishedAt", 'FMDay, FMMonth FMDD, YYYY "at" FMHH12:MI AM "UTC"') END`;

const node = (withBody) => `json_build_object(
  'title', t.title, 'lede', t.lede, 'dateLabel', ${DATE_LABEL}, ${withBody ? "'body', t.body," : ''}
  'mentions', (SELECT coalesce(json_agg(json_build_object('count', m.count, 'entity', json_build_object(
      'name', ${pick('EntityTranslation', 'entityId', 'e.id', 'name')}, 'typeLabel', ${TYPE_LABEL})) ORDER BY m.count DESC, m."entityId"), '[]')
    FROM "Mention" m JOIN "Entity" e ON e.id = m."entityId" WHERE m."articleId" = p.id),
  'quotes', (SELECT coalesce(json_agg(json_build_object(
      'text', ${pick('QuoteTranslation', 'quoteId', 'q.id', 'text')},
      'speaker', CASE WHEN q."speakerId" IS NULL THEN NULL ELSE json_build_object('name', ${pick('EntityTranslation', 'entityId', 'q."speakerId"', 'name')}) END
    ) ORDER BY q.position), '[]') FROM "Quote" q WHERE q."articleId" = p.id))`;

const FEED = `SELECT json_build_object('data', json_build_object('articles', json_build_object('edges',
    coalesce(json_agg(json_build_object('node', ${node(false)}) ORDER BY p."publishedAt" DESC, p.id DESC), '[]'))))::text AS json
  FROM (SELECT id, "publishedAt", "datePrecision" FROM "Article" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC, id DESC LIMIT 20) p
  CROSS JOIN LATERAL ${pick('ArticleTranslation', 'articleId', 'p.id', 'title, lede')} t`;

const ARTICLE = `SELECT json_build_object('data', json_build_object('article', (
    SELECT ${node(true)} FROM "Article" p CROSS JOIN LATERAL ${pick('ArticleTranslation', 'articleId', 'p.id', 'title, lede, body')} t
    WHERE p.slug = $2 AND p.status = 'PUBLISHED')))::text AS json`;

const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const locale = url.searchParams.get('locale') === 'FR' ? 'FR' : 'EN';
    if (url.pathname === '/feed') return send(res, 200, (await pool.query(FEED, [locale])).rows[0].json);
    if (url.pathname === '/article') return send(res, 200, (await pool.query(ARTICLE, [locale, url.searchParams.get('slug')])).rows[0].json);
    if (url.pathname === '/ready') return send(res, 200, (await pool.query(`SELECT '{"status":"ready"}' AS json`)).rows[0].json);
    send(res, 404, '{"error":"not found"}');
  } catch (err) {
    console.error(err);
    send(res, 500, JSON.stringify({ errors: [{ message: String(err) }] }));
  }
});
server.listen(Number(process.env.PORT ?? 5679), '127.0.0.1', () => console.error(`raw baseline ready on ${server.address().port}`));

const stop = async () => {
  server.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
