import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { createDatabase, dropDatabase, onPostgres, uniqueName, urlFor } from './databases.js';

type Cli = (...args: string[]) => Promise<{ stdout: string; stderr: string }>;

/** Runs `fn` with `npm run import`'s command on a seeded database of its own (PGlite folder or PostgreSQL copy of the template). */
export async function withImportCli(prefix: string, fn: (cli: Cli) => Promise<void>): Promise<void> {
  const own = onPostgres ? { DATABASE_URL: urlFor(uniqueName(`depeche_${prefix}`)) } : { DATA_DIR: await mkdtemp(path.join(tmpdir(), `depeche-${prefix}-`)) };
  const database = own.DATABASE_URL && new URL(own.DATABASE_URL).pathname.slice(1);
  if (database) await createDatabase(database, inject('templateDatabase')!);
  const env = { ...process.env, ...own, LOG_LEVEL: 'silent' };
  // A dry run creates and migrates nothing (test/api/data-folder.test.ts): another CLI makes the embedded database.
  if (!database) await promisify(execFile)('node', ['dist/src/auth/token.cli.js', 'list'], { env });
  try {
    await fn((...args) => promisify(execFile)('node', ['dist/src/import/import.cli.js', ...args], { env }));
  } finally {
    if (database) await dropDatabase(database);
  }
}
