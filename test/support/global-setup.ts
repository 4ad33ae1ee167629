import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, onPostgres, uniqueName, urlFor } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL database migrated by `prisma migrate deploy`, copied (TEMPLATE) by each test file. */
    templateDatabase: string | null;
  }
}

/**
 * On PostgreSQL, migrate one template database with the real CLI (as a deployment would), then
 * each test file gets a fresh copy in milliseconds. PGlite needs nothing: each file migrates its own.
 */
export default async function setup(project: TestProject) {
  if (!onPostgres) {
    project.provide('templateDatabase', null);
    return;
  }
  const template = uniqueName('depeche_tpl');
  await createDatabase(template);
  try {
    await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: urlFor(template) } });
  } catch (err) {
    // A failed setup gets no teardown: drop the template now rather than leave it on a shared server.
    await dropDatabase(template);
    throw err;
  }
  project.provide('templateDatabase', template);
  return () => dropDatabase(template);
}
