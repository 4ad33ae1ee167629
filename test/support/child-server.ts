import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src/main.js');
/** Starting a child includes Node's start, the schema build and a seed: generous on a busy machine. */
const START_TIMEOUT_MS = 60_000;

export interface ChildServer {
  process: ChildProcess;
  pid: number;
  url: string;
  origin: string;
  port: number;
  /** JSON log lines so far (pino, `msg` field). */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (or 'SIGKILL'-style signal name). */
  exited: Promise<number | string>;
  /** Resolves when a log line with this `msg` arrives. */
  logged(msg: string, withinMs?: number): Promise<Record<string, unknown>>;
  /** SIGKILL if still running (test cleanup). */
  kill(): Promise<void>;
}

/**
 * `node dist/src/main.js` as production runs it (build first), in a child process of its own, on
 * a free loopback port, with info logs on stdout parsed as JSON lines.
 */
export async function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { msg: text };
      }
      logs.push(line);
      for (const w of waiters.filter((w) => w.msg === line.msg)) w.resolve(line);
    }
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const logged = (msg: string, withinMs = START_TIMEOUT_MS) => {
    const found = logs.find((l) => l.msg === msg);
    if (found) return Promise.resolve(found);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${msg}" log line within ${withinMs} ms; stderr: ${stderr}`)), withinMs);
      waiters.push({
        msg,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then((code) => reject(new Error(`server exited (${code}) before "${msg}"; stderr: ${stderr}`)));
    });
  };
  const ready = await logged('Dépêche ready');
  const url = String(ready.url);
  return {
    process: child,
    pid: child.pid!,
    url,
    origin: url.replace(/\/graphql$/, ''),
    port: Number(new URL(url).port),
    logs,
    exited,
    logged,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
