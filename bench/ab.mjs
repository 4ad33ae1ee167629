// npm run bench:ab -- --baseline <dir> [--ops feed,entity] [--rounds 6] [--duration 5] [--articles 50000] [--node 24]
//
// This build against another one, on one copy of the bench data set, in interleaved rounds: both
// servers run side by side (one loaded at a time), each round loads one then the other, and the
// order alternates between rounds, so a machine whose speed drifts during the run (seen here:
// 9% between two identical builds an hour apart) weighs on both alike. <dir> is a checkout of
// the other commit, built (`git worktree add <dir> <commit> && cd <dir> && npm ci && npm run build`).
// Prints, per build and operation, the median over rounds of req/s, of the server's CPU ms per
// request, and of the rest of the machine's CPU ms per request (PostgreSQL, mostly; the load
// generator's own CPU is left out).
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { Databases } from './databases.mjs';
import { node24, startServer } from './servers.mjs';
import { pickInputs, requests } from './operations.mjs';

const { values: flags } = parseArgs({
  options: {
    baseline: { type: 'string' },
    ops: { type: 'string', default: 'feed,cards,article,entity,search' },
    rounds: { type: 'string', default: '6' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    pool: { type: 'string', default: '10' },
    articles: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '42' },
    node: { type: 'string', default: process.execPath },
    'admin-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
if (!flags.baseline) throw new Error('--baseline <dir>: a built checkout of the build to compare with');
const node = flags.node === '24' ? node24() : flags.node;
const rounds = Number(flags.rounds);
const logDir = mkdtempSync(path.join(os.tmpdir(), 'depeche-ab-'));
const log = (...args) => console.error(`[ab ${new Date().toISOString().slice(11, 19)}]`, ...args);

// All of the machine's busy CPU time so far (ms), from /proc/stat; and this process's own.
const TICK_MS = 10;
const machineMs = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6]) * TICK_MS;
};
const ownMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const databases = new Databases(flags['admin-url']);
const servers = [];
try {
  const template = await databases.template({ articles: Number(flags.articles), seed: Number(flags.seed), log });
  const name = await databases.copy(template.name);
  const url = databases.urlFor(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const inputs = await pickInputs(client);
  await client.end();
  const env = { RESPONSE_CACHE: 'off' };
  const builds = [
    { label: `baseline (${flags.baseline})`, cwd: path.resolve(flags.baseline) },
    { label: 'this build', cwd: process.cwd() },
  ];
  for (const build of builds) {
    build.server = await startServer('depeche', { databaseUrl: url, poolSize: Number(flags.pool), node, env, logDir, cwd: build.cwd });
    servers.push(build.server);
  }
  for (const op of flags.ops.split(',')) {
    const request = requests('depeche', inputs)[op];
    const load = (server, seconds) =>
      autocannon({
        url: `${server.base}${request.path}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections: Number(flags.connections),
        duration: seconds,
      });
    for (const build of builds) await load(build.server, 2);
    const samples = new Map(builds.map((b) => [b, { rps: [], cpu: [], rest: [], failures: 0 }]));
    for (let round = 0; round < rounds; round++) {
      for (const build of round % 2 ? [...builds].reverse() : builds) {
        const cpu0 = build.server.cpuMs();
        const machine0 = machineMs() - ownMs();
        const r = await load(build.server, Number(flags.duration));
        const served = build.server.cpuMs() - cpu0;
        const n = r.requests.total;
        const s = samples.get(build);
        s.rps.push(r.requests.average);
        s.cpu.push(served / n);
        s.rest.push((machineMs() - ownMs() - machine0 - served) / n);
        s.failures += r.non2xx + r.errors + r.timeouts;
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [base, mine] = builds.map((b) => samples.get(b));
    for (const build of builds) {
      const s = samples.get(build);
      console.log(
        `${op.padEnd(8)} ${build.label.padEnd(40)} ${median(s.rps).toFixed(0).padStart(6)} req/s  server CPU ${median(s.cpu).toFixed(2)} ms/req  rest ${median(s.rest).toFixed(2)} ms/req  failures ${s.failures}  rounds ${s.rps.map((x) => x.toFixed(0)).join(',')}`,
      );
    }
    console.log(`${op.padEnd(8)} ratio this build / baseline: ${(median(mine.rps) / median(base.rps)).toFixed(2)}x req/s`);
  }
} finally {
  for (const server of servers) await server.stop();
  await databases.dropAll();
}
