// node bench/search-words.mjs [--articles 50000] [--seed 42] [--runs 5] ["query" ...]
// Times one search per query, the way a screen asks for it (first 20, snippets), as a reader and as
// an editor, on two servers in this process on a copy of a bench template: the default one, and
// one with SEARCH_RECENT_ARTICLES=0 (the text index alone). Prints the median of `--runs` requests
// each and the totalCount of both (they must agree). Without queries: words of every frequency
// in the archive's quote and article texts (issue 17: the hostile line sends only the most
// frequent ones; a speed-up must hold for the others). `npm run build` first.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../dist/src/config.js';
import { createLogger } from '../dist/src/logger.js';
import { startServer } from '../dist/src/server/start.js';
import { createToken } from '../dist/src/auth/token.service.js';
import { Databases } from './databases.mjs';
import { pickHostileQuery } from './operations.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    articles: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '5' },
    'admin-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const databases = new Databases(values['admin-url']);
const template = `depeche_bench_${values.articles}_${values.seed}`;
if (!(await databases.exists(template))) throw new Error(`${template} does not exist: run npm run bench -- --articles ${values.articles} first`);
const name = await databases.copy(template);
const url = databases.urlFor(name);

/** Lexemes of quote texts at a spread of frequencies (1 in 2 texts down to 1 in 10,000), and the hostile query. */
async function spreadOfWords(client) {
  const { rows } = await client.query(`SELECT word, ndoc FROM ts_stat($$SELECT search FROM "QuoteTranslation"$$) ORDER BY ndoc DESC`);
  const total = Number((await client.query(`SELECT count(*) AS n FROM "QuoteTranslation"`)).rows[0].n);
  const picks = [0.5, 0.1, 0.05, 0.03, 0.02, 0.01, 0.001, 0.0001].map((share) => rows.find((r) => r.ndoc <= share * total)?.word).filter(Boolean);
  return [...new Set([...picks, 'Elena Demir', 'decis OR le', await pickHostileQuery(client)])];
}

const SEARCH = `query ($q: String!) { search(query: $q, first: 20) { totalCount edges { node { kind snippet } } } }`;

async function timed(base, q, headers) {
  const times = [];
  let total = null;
  for (let i = 0; i < Number(values.runs) + 1; i++) {
    const started = performance.now();
    const res = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: SEARCH, variables: { q } }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(`${q}: ${JSON.stringify(body.errors)}`);
    total = body.data.search.totalCount;
    if (i > 0) times.push(performance.now() - started);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], total };
}

try {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const queries = positionals.length > 0 ? positionals : await spreadOfWords(client);
  await client.end();
  const servers = [];
  for (const recent of [undefined, '0']) {
    const env = { DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'never', LOG_LEVEL: 'warn', NODE_ENV: 'production', RESPONSE_CACHE: 'off' };
    const config = loadConfig({ ...env, RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_EDITOR: '0', ...(recent ? { SEARCH_RECENT_ARTICLES: recent } : {}) });
    const running = await startServer(config, createLogger('warn'));
    const { secret } = await createToken(running.db.prisma, `bench-search-words-${Date.now()}-${recent ?? 'default'}`, 'EDITOR');
    servers.push({ running, editor: { authorization: `Bearer ${secret}` } });
  }
  console.log('| query | reader ms | reader ms, index alone | editor ms | editor ms, index alone | totalCount reader / editor |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const q of queries) {
    const [walk, index] = servers;
    const r = await timed(walk.running.url, q, {});
    const ri = await timed(index.running.url, q, {});
    const e = await timed(walk.running.url, q, walk.editor);
    const ei = await timed(index.running.url, q, index.editor);
    const agree = r.total === ri.total && e.total === ei.total ? '' : ' (differ!)';
    console.log(`| ${q} | ${r.ms.toFixed(0)} | ${ri.ms.toFixed(0)} | ${e.ms.toFixed(0)} | ${ei.ms.toFixed(0)} | ${r.total} / ${e.total}${agree} |`);
  }
  for (const { running } of servers) await running.close();
} finally {
  await databases.dropAll();
}
