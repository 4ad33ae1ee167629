// PostgreSQL's own time for a request: each read statement it sent (captured by pg-counter.mjs),
// run again under EXPLAIN (ANALYZE, FORMAT JSON) with its parameters, planning plus execution
// time summed. Statements that are not reads (BEGIN, SET, COMMIT…) cost next to nothing and are
// left out; so are those whose parameters were sent in binary (none of the servers does today).
import { createHash } from 'node:crypto';
import pg from 'pg';

// A leading comment (Dépêche marks statements planned per run) is no statement of its own.
const READ = /^\s*(\/\*.*?\*\/\s*)*(\(\s*)*(select|with)\b/is;

/**
 * A statement the server prepared (named) is timed as a long-running server runs it: prepared
 * once and executed often, so PostgreSQL's plan cache may have settled on a generic plan (after
 * five custom ones) and skip planning. Prepared and run six times here, then explained.
 */
async function explainPrepared(client, text, params) {
  const name = `bench_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  for (let i = 0; i < 6; i++) await client.query({ name, text, values: params });
  const literals = params.map((p) => (p === null ? 'NULL' : client.escapeLiteral(p)));
  return client.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}${literals.length > 0 ? `(${literals.join(', ')})` : ''}`);
}

/** { ms, explained, skipped } for one request's statements, on `databaseUrl` (a session started with `options`, as the server's are). */
export async function postgresTime(databaseUrl, statements, options) {
  const client = new pg.Client({ connectionString: databaseUrl, options });
  await client.connect();
  let ms = 0;
  let explained = 0;
  let skipped = 0;
  try {
    for (const { text, params, named } of statements) {
      // A simple-protocol text may hold several statements: EXPLAIN takes one.
      if (!text || !READ.test(text) || text.trim().replace(/;$/, '').includes(';')) continue;
      if (!params) {
        skipped++;
        continue;
      }
      const { rows } = named ? await explainPrepared(client, text, params) : await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, params);
      const [plan] = rows[0]['QUERY PLAN'];
      ms += plan['Planning Time'] + plan['Execution Time'];
      explained++;
    }
  } finally {
    await client.end();
  }
  return { ms, explained, skipped };
}
