import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { adminUrl, createDatabase, dropDatabase, uniqueName, urlFor } from './databases.js';
import { openDatabase } from '../../src/db/database.js';
import { seedDatabase } from '../../src/seed/seed.js';

export interface PostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated PostgreSQL database of its own, whatever TEST_DB says, for the tests that need what
 * PGlite cannot give (several processes, replicas, a TCP proxy in front of the server, row locks
 * held from another connection, a child process): a copy of the suite's template when there is
 * one, else created and migrated with `prisma migrate deploy`, as a deployment does.
 */
export async function postgresDatabase(prefix = 'depeche_own'): Promise<PostgresDatabase> {
  const name = uniqueName(prefix);
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
  return { name, url, drop: () => dropDatabase(name) };
}

/** Seeds the sample dispatch, then closes every connection (a database must be idle to serve as a TEMPLATE). */
export async function seedPostgres(url: string): Promise<void> {
  const db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', dbPoolSize: 2, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
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

/** Where the PostgreSQL server of TEST_PG_URL listens. */
export function postgresAddress(): { host: string; port: number } {
  const url = new URL(adminUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}

/** `url` with its host and port replaced, e.g. to go through a proxy. */
export function throughPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}
