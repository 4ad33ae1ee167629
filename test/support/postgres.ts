import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueName, urlFor } from './databases.js';

/**
 * A PostgreSQL database for several API processes at once (PGlite is one process), in both suite
 * runs: a copy of the migrated template under TEST_DB=postgresql, else migrated here by
 * `prisma migrate deploy` like a deployment. Pass `url` as DATABASE_URL to each startTestServer.
 */
export async function sharedPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName('depeche_shared');
  const template = inject('templateDatabase');
  await createDatabase(name, template ?? undefined);
  const url = urlFor(name);
  if (!template) {
    try {
      await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url } });
    } catch (err) {
      await dropDatabase(name);
      throw err;
    }
  }
  return { url, drop: () => dropDatabase(name) };
}
