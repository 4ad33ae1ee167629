// node bench/sql-trace.mjs [--articles 50000] [--seed 42] feed article entity search
// Starts Dépêche in-process (dist/, so `npm run build` first) on a copy of a bench template and
// prints, per operation, the SQL statements one request runs with Prisma's durations: where the
// lead looks first when a count or a latency moves.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../dist/src/config.js';
import { createLogger } from '../dist/src/logger.js';
import { startServer } from '../dist/src/server/start.js';
import { Databases } from './databases.mjs';
import { pickInputs, requests } from './operations.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    articles: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '42' },
    'admin-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const databases = new Databases(values['admin-url']);
const template = `depeche_bench_${values.articles}_${values.seed}`;
if (!(await databases.exists(template))) throw new Error(`${template} does not exist: run npm run bench -- --articles ${values.articles} first`);
const name = await databases.copy(template);
try {
  const client = new pg.Client({ connectionString: databases.urlFor(name) });
  await client.connect();
  const inputs = await pickInputs(client);
  await client.end();
  const config = loadConfig({
    DATABASE_URL: databases.urlFor(name),
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_START: 'never',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    RESPONSE_CACHE: 'off',
  });
  const running = await startServer(config, createLogger('warn'));
  const log = [];
  running.db.onStatement((e) => log.push(e));
  const reqs = requests('depeche', inputs);
  for (const op of positionals.length > 0 ? positionals : Object.keys(reqs)) {
    for (let i = 0; i < 3; i++) {
      log.length = 0;
      const started = performance.now();
      await fetch(running.url.replace(/\/graphql$/, '') + reqs[op].path, { method: 'POST', headers: reqs[op].headers, body: reqs[op].body }).then((r) =>
        r.text(),
      );
      console.log(
        `${op} #${i + 1}: ${(performance.now() - started).toFixed(1)} ms, ${log.length} statements (${log.map((e) => `${Number(e.duration).toFixed(1)} ms`).join(', ')})`,
      );
    }
    for (const e of log) console.log(`  -- ${Number(e.duration).toFixed(1)} ms, params ${e.params.slice(0, 200)}\n  ${e.query}\n`);
  }
  await running.close();
} finally {
  await databases.dropAll();
}
