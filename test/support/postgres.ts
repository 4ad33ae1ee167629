import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueName, urlFor } from './databases.js';
import { openDatabase } from '../../src/db/database.js';
import { seedDatabase } from '../../src/seed/seed.js';

export interface PostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated PostgreSQL database of its own, whatever TEST_DB says: the scaling tests need what
 * PGlite cannot give (several processes, replicas). A copy of the suite's template when the suite
 * runs on PostgreSQL, else migrated here by the real CLI, as a deployment does.
 */
export async function postgresDatabase(prefix = 'depeche_scale'): Promise<PostgresDatabase> {
  const name = uniqueName(prefix);
  const template = inject('templateDatabase');
  await createDatabase(name, template ?? undefined);
  const url = urlFor(name);
  try {
    if (!template) await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url } });
  } catch (err) {
    await dropDatabase(name);
    throw err;
  }
  return { name, url, drop: () => dropDatabase(name) };
}

/** Seeds the sample dispatch, then closes every connection (a database must be idle to serve as a TEMPLATE). */
export async function seedPostgres(url: string): Promise<void> {
  const db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', dbPoolSize: 2 });
  try {
    await seedDatabase(db.prisma);
  } finally {
    await db.close();
  }
}

/** An exact copy of `source` (CREATE DATABASE … TEMPLATE): a replica frozen at this instant. */
export async function copyDatabase(source: PostgresDatabase, prefix = 'depeche_replica'): Promise<PostgresDatabase> {
  const name = uniqueName(prefix);
  await createDatabase(name, source.name);
  return { name, url: urlFor(name), drop: () => dropDatabase(name) };
}

/** A database several API processes share (PGlite is one process), in both suite runs. */
export const sharedPostgresDatabase = (): Promise<PostgresDatabase> => postgresDatabase('depeche_shared');
