import { Prisma as P } from '@prisma/client';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from './database.js';

/** A statement as Prisma's `query` event describes it: what statement counts and traces read. */
interface StatementEvent {
  query: string;
  /** The values, as a JSON array. */
  params: string;
  duration: number;
}
export type StatementListener = (event: StatementEvent) => void;

type Reader = (sql: P.Sql) => Promise<unknown[]>;

/**
 * The rows of a read statement, run on the client's driver itself when it has one (a pool
 * client, not a transaction). Prisma's raw-query path (its query interpreter, argument
 * serialization, and the decoding of every value into tagged JSON and back) took 2.8 to 3.3 ms of
 * CPU for a feed statement whose rows node-postgres reads in 1.3 to 1.7 ms; in the bench, direct
 * reads cut the feed's server CPU by a fifth (bench/RESULTS.md). Values arrive in the types
 * Prisma's $queryRaw gives (DIRECT_PARSERS).
 */
export function readRows<T>(db: Db, sql: P.Sql): Promise<T[]> {
  const reader = readers.get(db);
  return (reader ? reader(sql) : db.$queryRaw<unknown[]>(sql)) as Promise<T[]>;
}

const readers = new WeakMap<Db, Reader>();

// What Prisma's $queryRaw gives for the types our reads return: a `timestamp` (UTC, without zone)
// as that instant whatever the process's time zone, int8 as bigint, numeric as Decimal.
const TIMESTAMP = 1114;
const DIRECT_PARSERS: Record<number, (text: string) => unknown> = {
  [TIMESTAMP]: (text) => new Date(`${text.replace(' ', 'T')}Z`),
  1184: (text) => new Date(text),
  1082: (text) => new Date(`${text}T00:00:00Z`),
  20: (text) => BigInt(text),
  1700: (text) => new P.Decimal(text),
  114: (text) => JSON.parse(text),
  3802: (text) => JSON.parse(text),
};

function announcing(listeners: Set<StatementListener>, run: (text: string, values: unknown[]) => Promise<unknown[]>): Reader {
  return async (sql) => {
    if (listeners.size === 0) return run(sql.text, sql.values);
    const started = performance.now();
    try {
      return await run(sql.text, sql.values);
    } finally {
      const event = { query: sql.text, params: JSON.stringify(sql.values), duration: performance.now() - started };
      for (const listener of listeners) listener(event);
    }
  };
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    (format ?? 'text') === 'text' && DIRECT_PARSERS[oid]
      ? DIRECT_PARSERS[oid]
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Reads of `db` on `pool`, the pool its adapter queries, prepared under the adapter's names. */
export function readOnPool(db: Db, pool: pg.Pool, name: (query: { sql: string }) => string, listeners: Set<StatementListener>): void {
  readers.set(
    db,
    announcing(listeners, async (text, values) => (await pool.query({ name: name({ sql: text }) || undefined, text, values, types: pgTypes })).rows),
  );
}

/** Reads of `db` on the embedded database (its one connection: PGlite queues them behind a transaction). */
export function readOnPGlite(db: Db, pglite: PGlite, listeners: Set<StatementListener>): void {
  readers.set(
    db,
    announcing(listeners, async (text, values) => (await pglite.query(text, values, { parsers: DIRECT_PARSERS })).rows),
  );
}
