import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { spawnApi, type ApiProcess } from '../support/processes.js';
import { post } from '../support/http.js';

/**
 * The embedded database is one PostgreSQL inside one process: a second process on the same data
 * folder (a CLI next to the server) used to write over it and lose acknowledged writes. Real
 * processes here: the server as `npm start` runs it, the CLIs as `npm run token|import` run them.
 */
const run = (script: string, args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [`dist/src/${script}`, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const SEED_FILE = 'src/seed/data/afp-2024-04-niger-us-troops.fr.txt';
const secretOf = (stdout: string) => stdout.trim().split('\n').at(-1)!;
const whoAmI = (api: ApiProcess, secret: string) =>
  post(api.url, { query: '{ apiTokens { name } }' }, { authorization: `Bearer ${secret}`, 'accept-language': 'en' });

let parent: string;
let dataDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'depeche-lock-'));
  dataDir = path.join(parent, 'data');
  env = { DATA_DIR: dataDir };
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe('one process at a time on a data folder', () => {
  it('refuses a CLI while the server holds the folder, keeps what the API wrote across restarts, and recovers after kill -9', async () => {
    const admin = await run('auth/token.cli.js', ['create', '--name', 'admin', '--role', 'admin'], env);
    expect(admin.code).toBe(0);
    let api = await spawnApi(env);
    try {
      const serverPid = api.child.pid!;
      for (const [script, args] of [
        ['auth/token.cli.js', ['create', '--name', 'beside', '--role', 'editor']],
        ['import/import.cli.js', [SEED_FILE, '--locale', 'fr']],
        ['seed/seed.cli.js', []],
      ] as const) {
        const refused = await run(script, [...args], env);
        expect(refused.code, script).toBe(1);
        expect(refused.stdout, script).toBe('');
        expect(refused.stderr).toContain(`The data folder ${dataDir} is in use by server (pid ${serverPid}, since `);
        expect(refused.stderr).toContain(
          'Use the API instead (createApiToken, revokeApiToken, apiTokens, importDispatch with dryRun: true), or stop the server first.',
        );
      }

      // A token made through the API while the CLI was refused: it must survive a restart.
      const created = await post<{ createApiToken: { secret: string } }>(
        api.url,
        { query: 'mutation { createApiToken(name: "through-the-api", role: ADMIN) { secret } }' },
        { authorization: `Bearer ${secretOf(admin.stdout)}` },
      );
      const secret = created.body.data!.createApiToken.secret;
      expect((await whoAmI(api, secret)).body.data).toEqual({ apiTokens: [{ name: 'admin' }, { name: 'through-the-api' }] });

      expect(await api.stop()).toBe(0);
      expect(existsSync(`${dataDir}.lock`)).toBe(false);
      api = await spawnApi(env);
      expect((await whoAmI(api, secret)).status).toBe(200);
      expect((await whoAmI(api, secret)).body.data).toEqual({ apiTokens: [{ name: 'admin' }, { name: 'through-the-api' }] });

      // SIGKILL leaves the lock behind: the next start waits for it to go stale, then opens the folder.
      api.child.kill('SIGKILL');
      await api.exited;
      expect(existsSync(`${dataDir}.lock`)).toBe(true);
      api = await spawnApi(env);
      expect((await whoAmI(api, secret)).body.data).toEqual({ apiTokens: [{ name: 'admin' }, { name: 'through-the-api' }] });
    } finally {
      await api.stop();
    }
    // Once the server is gone the CLI runs, on what the server left.
    const listed = await run('auth/token.cli.js', ['list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('through-the-api');
  }, 120_000);

  it('a dry-run import on a missing folder says so and creates nothing', async () => {
    const missing = path.join(parent, 'missing');
    const before = await readdir(parent);
    const dry = await run('import/import.cli.js', [SEED_FILE, '--locale', 'fr', '--dry-run'], { DATA_DIR: missing });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain(`There is no embedded database in ${missing}: start the server once (npm start) to create it, or set DATA_DIR.`);
    expect(await readdir(parent)).toEqual(before);
  });

  it('a dry-run import on a folder that needs migrations says so and migrates nothing', async () => {
    const old = path.join(parent, 'old');
    await (await PGlite.create(old)).close();
    const dry = await run('import/import.cli.js', [SEED_FILE, '--locale', 'fr', '--dry-run'], { DATA_DIR: old });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(
      new RegExp(
        `^The embedded database in ${old} needs migrations \\(\\d{14}_\\w+(, \\d{14}_\\w+)*\\): start the server once \\(npm start\\) to apply them\\.`,
      ),
    );
    const db = await PGlite.create(old);
    try {
      expect((await db.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`)).rows[0]!.t).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('a dry-run import on a folder the server made reads it and writes nothing', async () => {
    const dry = await run('import/import.cli.js', [SEED_FILE, '--locale', 'fr', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing written.');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
