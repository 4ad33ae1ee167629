/**
 * `npm run soak`: a bounded mixed read/write load on loopback against `node dist/src/main.js`
 * running in a child process (so the memory measured is the server's) on a fresh PostgreSQL
 * database of its own. Fails (exit 1) on any error other than a limit, on memory growth beyond
 * 10% after warm-up, or on an acknowledged write missing afterwards. Not part of `npm test`.
 *
 * Settings (environment): SOAK_DURATION_S (120), SOAK_CONCURRENCY (64), SOAK_WARMUP_S (a fifth
 * of the duration, at least 5), TEST_PG_URL (the local PostgreSQL as admin).
 */
import 'reflect-metadata';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createToken } from '../../src/auth/token.service.js';
import { openDatabase } from '../../src/db/database.js';
import { createDatabase, dropDatabase, uniqueName, urlFor } from '../support/databases.js';

const SOAK = {
  DURATION_S: Number(process.env.SOAK_DURATION_S ?? 120),
  CONCURRENCY: Number(process.env.SOAK_CONCURRENCY ?? 64),
  /** Memory settles once the JIT, the schema and the pools are warm; growth is measured after. */
  WARMUP_S: Number(process.env.SOAK_WARMUP_S ?? Math.max(5, Math.round(Number(process.env.SOAK_DURATION_S ?? 120) / 5))),
  /** The bound: RSS at the end at most 10% above RSS right after warm-up. */
  MAX_RSS_GROWTH: 0.1,
  /** At least this many samples averaged at each end (a fifth of them on longer runs), so that GC cycles do not decide. */
  RSS_WINDOW: 5,
  /** A request slower than this counts as an error (a hang, not load). */
  REQUEST_TIMEOUT_MS: 30_000,
  /** Error codes that are limits doing their job, not failures. */
  LIMIT_CODES: new Set(['RATE_LIMITED']),
} as const;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const SEARCHES = ['Niger', 'soldats américains', 'troops', 'Niamey', 'retrait', 'Etats-Unis'];

const Q = {
  feed: `query ($first: Int) { articles(first: $first) { totalCount edges { cursor node { id slug title dateLabel quotes { text speaker { name } } mentions { count entity { name typeLabel } } } } } }`,
  article: `query ($slug: String) { article(slug: $slug) { id title lede body { kind text } dateline { name } quotes { text originalText speaker { name } } translations { locale title } } }`,
  entities: `query { entities(first: 10) { edges { node { id name } } } }`,
  entity: `query ($id: ID!) { entity(id: $id) { name type typeLabel aliases articles(first: 5) { edges { node { title } } } quotes(first: 5) { edges { node { text } } } } }`,
  search: `query ($q: String!) { search(query: $q, first: 10) { totalCount edges { node { kind rank snippet } } } }`,
  create: `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id version } }`,
  update: `mutation ($id: ID!, $v: Int!, $lede: String) { updateArticle(id: $id, expectedVersion: $v, input: { lede: $lede }) { id version lede } }`,
};

type Kind = 'feed' | 'article' | 'entity' | 'search' | 'create' | 'update';
interface Stats {
  count: number;
  errors: number;
  limited: number;
  ms: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const databaseId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<number> {
  const failures: string[] = [];
  const database = uniqueName('depeche_soak');
  const url = urlFor(database);
  console.log(`soak: ${SOAK.DURATION_S} s at concurrency ${SOAK.CONCURRENCY}, warm-up ${SOAK.WARMUP_S} s, database ${database}`);
  await createDatabase(database);
  let child: ReturnType<typeof spawn> | null = null;
  try {
    await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url } });
    const handle = await openDatabase({ databaseUrl: url, dataDir: '', dbPoolSize: 1, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
    const editor = `Bearer ${(await createToken(handle.prisma, 'soak', 'EDITOR')).secret}`;
    await handle.close();

    const port = await freePort();
    child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
      cwd: root,
      // All load comes from one loopback client: per-client rate limits would refuse most of it.
      // RESPONSE_CACHE=off: every read reaches the database, as a cache miss does.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SEED_ON_START: 'always',
        RATE_LIMIT_ANONYMOUS: '0',
        RATE_LIMIT_EDITOR: '0',
        RESPONSE_CACHE: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const serverLog: string[] = [];
    child.stdout!.on('data', (c: Buffer) => serverLog.push(...c.toString().split('\n').filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('server not ready within 60 s');
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if ((await fetch(`${origin}/ready`).catch(() => null))?.status === 200) break;
      await sleep(100);
    }
    const pid = child.pid!;

    const stats = new Map<Kind, Stats>();
    const sampleErrors: string[] = [];
    async function call(kind: Kind, query: string, variables: Record<string, unknown>, auth = false) {
      const s = stats.get(kind) ?? { count: 0, errors: 0, limited: 0, ms: [] };
      stats.set(kind, s);
      const started = performance.now();
      s.count++;
      try {
        const res = await fetch(`${origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': Math.random() < 0.5 ? 'fr' : 'en', ...(auth ? { authorization: editor } : {}) },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(SOAK.REQUEST_TIMEOUT_MS),
        });
        const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
        s.ms.push(performance.now() - started);
        const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '?');
        if (res.status === 429 || (codes.length > 0 && codes.every((c) => SOAK.LIMIT_CODES.has(c)))) {
          s.limited++;
          return null;
        }
        if (res.status !== 200 || codes.length > 0) {
          s.errors++;
          if (sampleErrors.length < 10) sampleErrors.push(`${kind}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
          return null;
        }
        return body.data!;
      } catch (err) {
        s.errors++;
        if (sampleErrors.length < 10) sampleErrors.push(`${kind}: ${(err as Error).message}`);
        return null;
      }
    }

    // What the run writes, as acknowledged: article id → last acknowledged version and lede.
    const written = new Map<string, { version: number; lede: string | null }>();
    const entityIds =
      ((await call('entity', Q.entities, {})) as { entities: { edges: { node: { id: string } }[] } } | null)?.entities.edges.map((e) => e.node.id) ?? [];
    if (entityIds.length === 0) throw new Error('no entities to read');

    const startedAt = Date.now();
    const endsAt = startedAt + SOAK.DURATION_S * 1000;
    let n = 0;
    async function worker(w: number) {
      const mine: string[] = [];
      while (Date.now() < endsAt) {
        const r = Math.random();
        const i = n++;
        if (r < 0.3) await call('feed', Q.feed, { first: 10 });
        else if (r < 0.5) await call('article', Q.article, { slug: SLUG });
        else if (r < 0.65) await call('entity', Q.entity, { id: entityIds[i % entityIds.length] });
        else if (r < 0.8) await call('search', Q.search, { q: SEARCHES[i % SEARCHES.length] });
        else if (r < 0.9 || mine.length === 0) {
          const lede = `Chapô ${w}-${i}`;
          const data = (await call(
            'create',
            Q.create,
            { input: { sourceLocale: i % 2 ? 'FR' : 'EN', title: `Soak ${w}-${i}`, lede, body: [{ kind: 'TEXT', text: `Paragraphe ${i}.` }] } },
            true,
          )) as {
            createArticle: { id: string; version: number };
          } | null;
          if (data) {
            written.set(data.createArticle.id, { version: data.createArticle.version, lede });
            mine.push(data.createArticle.id);
          }
        } else {
          // An editor updates one of their own articles: no one else writes it, so no CONFLICT is expected.
          const id = mine[i % mine.length]!;
          const lede = `Chapô revu ${w}-${i}`;
          const data = (await call('update', Q.update, { id, v: written.get(id)!.version, lede }, true)) as {
            updateArticle: { version: number; lede: string };
          } | null;
          if (data) written.set(id, { version: data.updateArticle.version, lede: data.updateArticle.lede });
        }
      }
    }

    const samples: { t: number; kib: number }[] = [];
    const sampler = setInterval(() => samples.push({ t: (Date.now() - startedAt) / 1000, kib: rssKiB(pid) }), 1_000);
    const progress = setInterval(() => {
      const total = [...stats.values()].reduce((a, s) => a + s.count, 0);
      console.log(`  ${Math.round((Date.now() - startedAt) / 1000)} s: ${total} requests, RSS ${Math.round((samples.at(-1)?.kib ?? 0) / 1024)} MiB`);
    }, 15_000);
    await Promise.all(Array.from({ length: SOAK.CONCURRENCY }, (_, w) => worker(w)));
    clearInterval(sampler);
    clearInterval(progress);
    const elapsed = (Date.now() - startedAt) / 1000;

    // Results per kind.
    let total = 0;
    let errors = 0;
    let limited = 0;
    console.log('kind      requests  errors  limited   p50 ms   p95 ms   p99 ms');
    for (const [kind, s] of [...stats.entries()].sort()) {
      const sorted = [...s.ms].sort((a, b) => a - b);
      total += s.count;
      errors += s.errors;
      limited += s.limited;
      console.log(
        `${kind.padEnd(9)} ${String(s.count).padStart(8)} ${String(s.errors).padStart(7)} ${String(s.limited).padStart(8)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 95).toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)}`,
      );
    }
    console.log(`total: ${total} requests in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(0)}/s), ${errors} errors, ${limited} limited`);
    if (errors > 0) failures.push(`${errors} errors other than limits, e.g.:\n    ${sampleErrors.join('\n    ')}`);

    // Memory after warm-up.
    const after = samples.filter((s) => s.t >= SOAK.WARMUP_S);
    if (after.length < 2 * SOAK.RSS_WINDOW) {
      failures.push(`too few RSS samples after warm-up (${after.length}): make SOAK_DURATION_S longer than SOAK_WARMUP_S + ${2 * SOAK.RSS_WINDOW} s`);
    } else {
      const window = Math.max(SOAK.RSS_WINDOW, Math.floor(after.length / 5));
      const first = mean(after.slice(0, window).map((s) => s.kib));
      const last = mean(after.slice(-window).map((s) => s.kib));
      const peak = Math.max(...after.map((s) => s.kib));
      const growth = last / first - 1;
      console.log(
        `server RSS (means of ${window} one-second samples): ${(first / 1024).toFixed(1)} MiB after warm-up, ${(last / 1024).toFixed(1)} MiB at the end (${(growth * 100).toFixed(1)}%), peak ${(peak / 1024).toFixed(1)} MiB, first sample ${((samples[0]?.kib ?? 0) / 1024).toFixed(1)} MiB`,
      );
      if (growth > SOAK.MAX_RSS_GROWTH) failures.push(`server RSS grew ${(growth * 100).toFixed(1)}% after warm-up (limit ${SOAK.MAX_RSS_GROWTH * 100}%)`);
    }

    // Every acknowledged write, read back from the database itself.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const ids = [...written.keys()].map(databaseId);
      const { rows } = await check.query<{ id: number; version: number; lede: string | null }>(
        `SELECT a.id, a.version, t.lede FROM "Article" a JOIN "ArticleTranslation" t ON t."articleId" = a.id AND t.locale = a."sourceLocale" WHERE a.id = ANY($1::int[])`,
        [ids],
      );
      const stored = new Map(rows.map((r) => [r.id, r]));
      const wrong = [...written.entries()].filter(([gid, w]) => {
        const row = stored.get(databaseId(gid));
        return !row || row.version !== w.version || row.lede !== w.lede;
      });
      console.log(`writes: ${written.size} articles acknowledged (created, then some updated), ${written.size - wrong.length} found as acknowledged`);
      if (wrong.length > 0) failures.push(`${wrong.length} acknowledged writes missing or different, e.g. ${JSON.stringify(wrong.slice(0, 3))}`);
    } finally {
      await check.end();
    }

    child.kill('SIGTERM');
    const code = await exited;
    child = null;
    console.log(`server: exit ${code} after SIGTERM; ${serverLog.length} warning/error log lines`);
    if (code !== 0) failures.push(`server exited with ${code} after SIGTERM`);
    for (const line of serverLog.slice(0, 5)) {
      const l = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string } };
      console.log(`  ${l.msg}: ${l.err?.type ?? ''} ${(l.err?.message ?? '').replace(/\s+/g, ' ').slice(0, 400)}`);
    }
  } finally {
    if (child) child.kill('SIGKILL');
    await dropDatabase(database);
  }
  for (const f of failures) console.log(`FAIL: ${f}`);
  console.log(failures.length === 0 ? 'soak: PASS' : 'soak: FAIL');
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
