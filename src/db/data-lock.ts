import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';

/** Who may hold a data folder: the server or one of the CLIs that open the embedded database. */
export type DataFolderUser = 'server' | 'npm run token' | 'npm run import' | 'npm run db:seed' | 'a process';

/** What a holder writes next to its lock, so that the one refused can be told who holds it. */
interface Holder {
  pid: number;
  host: string;
  user: DataFolderUser;
  since: string;
}

const DATA_LOCK = {
  /**
   * A lock whose holder stopped refreshing it this long ago is stale and taken over: how long a
   * start waits after the holder was killed with SIGKILL (a clean exit releases it at once).
   * Long enough that a busy event loop cannot miss a refresh (every STALE_MS / 4).
   */
  STALE_MS: 10_000,
} as const;

/**
 * PGlite is one PostgreSQL in one process: two processes on one folder each keep their own
 * buffers and write over each other (acknowledged writes were lost). Whoever opens a data folder
 * holds this lock until it closes it; a second one is refused with DataFolderLockedError.
 */
class DataFolderLockedError extends Error {
  constructor(dataDir: string, holder: Holder | null) {
    const who = holder
      ? `${holder.user} (pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, since ${holder.since})`
      : 'another process';
    const instead =
      holder?.user === 'server'
        ? 'Use the API instead (createApiToken, revokeApiToken, apiTokens, importDispatch with dryRun: true), or stop the server first.'
        : 'Wait for it to finish, or stop it first.';
    super(`The data folder ${dataDir} is in use by ${who}: one process at a time may open the embedded database. ${instead}`);
  }
}

/** The lock of `dataDir`, taken for `user`; resolves to its release. `onLost` runs if another process took it over. */
export async function lockDataFolder(dataDir: string, user: DataFolderUser, onLost: (err: Error) => void): Promise<() => Promise<void>> {
  const holderFile = `${dataDir}.holder.json`;
  const options = { stale: DATA_LOCK.STALE_MS, update: DATA_LOCK.STALE_MS / 4, realpath: false, onCompromised: onLost };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    const holder = await readHolder(holderFile);
    // A holder killed with SIGKILL cannot release: when it is gone, wait for its lock to go stale.
    if (!holder || holder.host !== hostname() || isRunning(holder.pid)) throw new DataFolderLockedError(dataDir, holder);
    try {
      release = await lockfile.lock(dataDir, { ...options, retries: { retries: DATA_LOCK.STALE_MS / 500 + 4, minTimeout: 500, maxTimeout: 500 } });
    } catch (again) {
      if ((again as { code?: string }).code !== 'ELOCKED') throw again;
      throw new DataFolderLockedError(dataDir, await readHolder(holderFile));
    }
  }
  const holder: Holder = { pid: process.pid, host: hostname(), user, since: new Date().toISOString() };
  await writeFile(holderFile, `${JSON.stringify(holder)}\n`);
  return async () => {
    await rm(holderFile, { force: true });
    await release();
  };
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Holder;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** For the CLIs and the server's start: a locked folder is a message and exit code 1, not a stack trace. */
export function exitIfLocked(err: unknown): never {
  if (!(err instanceof DataFolderLockedError)) throw err;
  console.error(err.message);
  process.exit(1);
}
