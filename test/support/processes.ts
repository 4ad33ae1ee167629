import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/paths.js';

/** A log line of the API (pino JSON). */
export type LogLine = Record<string, unknown> & { msg?: string; pid?: number };

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  /** Every JSON log line written so far, in order. */
  logs: LogLine[];
  /** Resolves with the first log line (already written or to come) that `match` accepts. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `node dist/src/main.js` (what `npm start` runs, built beforehand by `npm test`'s pretest) as a
 * real process on its own port; resolves once `readyLines` workers have logged "Dépêche ready".
 */
export async function spawnApi(env: Record<string, string>, readyLines = 1): Promise<ApiProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', SEED_ON_START: 'never', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    logs.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForLog = (match: (l: LogLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const found = logs.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no such log line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      void exited.then((code) => reject(new Error(`API exited with ${code} before the expected log line; stderr: ${stderr}`)));
    });
  const origin = `http://127.0.0.1:${port}`;
  const api: ApiProcess = {
    child,
    url: `${origin}/graphql`,
    origin,
    logs,
    waitForLog,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  try {
    for (let n = 1; n <= readyLines; n++) await waitForLog(() => logs.filter((l) => l.msg === 'Dépêche ready').length >= n);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return api;
}
