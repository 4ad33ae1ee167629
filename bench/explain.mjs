// PostgreSQL's own time for a request: each read statement it sent (captured by pg-counter.mjs),
// run again under EXPLAIN (ANALYZE, FORMAT JSON) with its parameters, planning plus execution
// time summed. Statements that are not reads (BEGIN, SET, COMMIT…) cost next to nothing and are
// left out; so are those whose parameters were sent in binary (none of the servers does today).
import pg from 'pg';

const READ = /^\s*(\(\s*)*(select|with)\b/i;

/** { ms, explained, skipped } for one request's statements, on `databaseUrl`. */
export async function postgresTime(databaseUrl, statements) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let ms = 0;
  let explained = 0;
  let skipped = 0;
  try {
    for (const { text, params } of statements) {
      // A simple-protocol text may hold several statements: EXPLAIN takes one.
      if (!text || !READ.test(text) || text.trim().replace(/;$/, '').includes(';')) continue;
      if (!params) {
        skipped++;
        continue;
      }
      const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, params);
      const [plan] = rows[0]['QUERY PLAN'];
      ms += plan['Planning Time'] + plan['Execution Time'];
      explained++;
    }
  } finally {
    await client.end();
  }
  return { ms, explained, skipped };
}
