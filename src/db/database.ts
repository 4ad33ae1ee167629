import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PrismaClient } from '@prisma/client';
import type { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PrismaPGlite } from 'pglite-prisma-adapter';
import pg, { type PoolConfig } from 'pg';
import { TIMEOUTS, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { migratePGlite, pendingMigrations } from './pglite-migrate.js';
import { lockDataFolder, type DataFolderUser } from './data-lock.js';
import { RecoveringPrismaPg } from './pg-adapter.js';
import { UtcPrismaPGlite } from './pglite-adapter.js';
import { statementNames } from './statement-names.js';
import { readOnPGlite, readOnPool, type StatementListener } from './direct-reads.js';
import { searchSlots } from '../server/limits.js';

export type Db = PrismaClient<{ log: [{ emit: 'event'; level: 'query' }] }>;

export interface Database {
  /** The primary: writes, editors' reads, tokens. */
  prisma: Db;
  kind: 'pglite' | 'postgresql';
  /**
   * The client for an anonymous request's reads: the read replicas in turn (DATABASE_REPLICA_URLS),
   * or the primary when there are none.
   */
  reader(): Db;
  /**
   * The client for a non-editor's search statements: on PostgreSQL a small pool of its own per
   * database (primary or each replica, in turn), of `searchSlots(DB_POOL_SIZE)` connections with
   * `statement_timeout` = DB_ANONYMOUS_STATEMENT_TIMEOUT_MS, so that searches neither take the
   * connections reads, writes and token lookups need nor run long; on PGlite the one client
   * (PGlite has one connection and cannot interrupt a statement).
   */
  anonymousSearcher(): Db;
  /**
   * Every statement the clients run, Prisma's and the direct reads' (src/db/direct-reads.ts): what
   * statement counts and traces read. Listeners stay until the database closes.
   */
  onStatement(listener: StatementListener): void;
  /** Cheap round trip used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

type Timeouts = Pick<Config, 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs'>;

function client(adapter: PrismaPg | PrismaPGlite, timeouts: Timeouts): Db {
  // Query events feed the SQL statement counts that tests and benchmarks check.
  // The cast: pglite-prisma-adapter types against an older @prisma/driver-adapter-utils; the runtime contract is the same.
  return new PrismaClient({
    adapter: adapter as PrismaPg,
    log: [{ emit: 'event', level: 'query' }],
    // Prisma's own defaults (2 s to get a connection, 5 s per transaction) would fail busy
    // requests before the pool and statement timeouts do: one set of timeouts for everything.
    transactionOptions: { maxWait: timeouts.dbConnectTimeoutMs, timeout: timeouts.dbStatementTimeoutMs },
  }) as Db;
}

/** How a process opens the embedded database. */
export interface OpenOptions {
  /** Named to whoever is refused the data folder while this process holds it. */
  user?: DataFolderUser;
  /**
   * Only an existing, fully migrated data folder (a dry run): nothing is created or migrated,
   * and anything else is a DataFolderUnusableError.
   */
  existingOnly?: boolean;
}

/** The data folder cannot serve an `existingOnly` open; the message says what to do. */
export class DataFolderUnusableError extends Error {}

/**
 * PostgreSQL when `databaseUrl` is set (migrated beforehand by `prisma migrate deploy`), else
 * PGlite: in `dataDir`, or in memory for `memory://`, migrated here on open. A data folder is
 * locked for this process until `close()` (src/db/data-lock.ts).
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize' | 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs'> &
    Partial<Pick<Config, 'replicaUrls' | 'anonymousStatementTimeoutMs' | 'dbPreparedStatements' | 'dbDirectReads'>>,
  logger?: Logger,
  options: OpenOptions = {},
): Promise<Database> {
  const listeners = new Set<StatementListener>();
  const direct = config.dbDirectReads ?? true;
  if (config.databaseUrl) {
    const names = preparedNames(config);
    const open = (url: string, settings: typeof config) => {
      // One pool per database, shared by Prisma's adapter and the direct reads.
      const pool = new pg.Pool(poolConfig(url, settings));
      pool.on('error', (err) => logger?.warn({ err: err.message }, 'database connection lost'));
      const db = client(new RecoveringPrismaPg(pool, adapterOptions(names, logger)), settings);
      if (direct) readOnPool(db, pool, names ?? (() => ''), listeners);
      return db;
    };
    const prisma = open(config.databaseUrl, config);
    // One client (and pool) per replica, picked per request: Prisma's read-replicas extension routes
    // per operation, and we route per viewer (an editor reads the primary, so sees their own writes).
    const replicas = (config.replicaUrls ?? []).map((url) => open(url, config));
    // Pools open connections on demand: a process that serves no anonymous search opens none.
    const search = {
      ...config,
      dbPoolSize: searchSlots(config.dbPoolSize),
      dbStatementTimeoutMs: config.anonymousStatementTimeoutMs ?? TIMEOUTS.ANONYMOUS_STATEMENT_MS,
    };
    const searchers = (replicas.length > 0 ? config.replicaUrls! : [config.databaseUrl]).map((url) => open(url, search));
    const all = [prisma, ...replicas, ...searchers];
    return closable(prisma, 'postgresql', listeners, () => Promise.all(all.map((c) => c.$disconnect())).then(() => undefined), replicas, searchers);
  }
  const { dataDir } = config;
  const inMemory = dataDir.startsWith('memory://');
  if (options.existingOnly && !inMemory && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new DataFolderUnusableError(`There is no embedded database in ${dataDir}: start the server once (npm start) to create it, or set DATA_DIR.`);
  }
  if (!inMemory) await mkdir(path.dirname(dataDir), { recursive: true });
  const unlock = inMemory
    ? async () => {}
    : await lockDataFolder(dataDir, options.user ?? 'a process', (err) => {
        // Another process took the folder over (this one stalled past the stale time): writing on
        // would corrupt it, and a supervisor restarts a server.
        logger?.fatal({ err, dataDir }, 'data folder lock lost; exiting');
        console.error(`The lock on ${dataDir} was lost: ${err.message}`);
        process.exit(1);
      });
  try {
    // The search migration creates these extensions; PGlite ships them as loadable contrib modules.
    const pglite = await PGlite.create(dataDir, { extensions: { unaccent, pg_trgm } });
    if (options.existingOnly) {
      const pending = await pendingMigrations(pglite);
      if (pending.length > 0) {
        await pglite.close();
        throw new DataFolderUnusableError(
          `The embedded database in ${dataDir} needs migrations (${pending.join(', ')}): start the server once (npm start) to apply them.`,
        );
      }
    } else {
      const applied = await migratePGlite(pglite);
      if (applied.length > 0) logger?.info({ applied, dataDir }, 'embedded database migrated');
    }
    const prisma = client(new UtcPrismaPGlite(pglite), config);
    if (direct) readOnPGlite(prisma, pglite, listeners);
    return closable(prisma, 'pglite', listeners, async () => {
      await prisma.$disconnect();
      await pglite.close();
      await unlock();
    });
  } catch (err) {
    await unlock();
    throw err;
  }
}

/**
 * node-postgres pool settings that make an outage fail fast: a bounded wait for a connection
 * (a refused one fails at once, a silent one after `dbConnectTimeoutMs`, and so does waiting for a
 * free one in a full pool), a server-side statement timeout, a client-side one a little later for
 * a network that stopped answering, and TCP keep-alive so that dead idle connections get noticed.
 * Connections that break are dropped by the pool and replaced on demand: recovery needs no restart.
 */
function poolConfig(databaseUrl: string, config: Pick<Config, 'dbPoolSize'> & Timeouts): PoolConfig {
  return {
    connectionString: databaseUrl,
    max: config.dbPoolSize,
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
    statement_timeout: config.dbStatementTimeoutMs,
    query_timeout: config.dbStatementTimeoutMs + TIMEOUTS.DB_QUERY_MARGIN_MS,
    keepAlive: true,
    // JIT compiles a statement whose estimate passes jit_above_cost: for a search walking the
    // newest articles (an estimate as if it walked them all) that took 40 to 230 ms, 10 times the
    // statement's own work. Our statements are short reads: compiling never pays.
    options: '-c jit=off',
  };
}

/** Names for prepared reads (src/db/statement-names.ts), unless DB_PREPARED_STATEMENTS=0. */
function preparedNames(config: Partial<Pick<Config, 'dbPreparedStatements'>>) {
  const prepared = config.dbPreparedStatements ?? 0;
  return prepared > 0 ? statementNames(prepared) : undefined;
}

/**
 * The adapter's options. Its pool is ours: disposed with the client. A connection that breaks
 * emits 'error' (an unhandled one would crash the process): the adapter listens on transaction
 * connections and hands them here, to log (the pool's idle clients are logged where it is made).
 */
function adapterOptions(names: ReturnType<typeof preparedNames>, logger?: Logger) {
  return {
    disposeExternalPool: true,
    onConnectionError: (err: Error) => logger?.warn({ err: err.message }, 'database connection lost'),
    ...(names && { statementNameGenerator: names }),
  };
}

// Prisma reconnects on the next query after $disconnect: once closed, readiness must say so
// whatever Prisma does, and closing twice (signal during shutdown) must be harmless.
function closable(
  prisma: Db,
  kind: Database['kind'],
  listeners: Set<StatementListener>,
  release: () => Promise<void>,
  replicas: Db[] = [],
  searchers: Db[] = [],
): Database {
  let closing: Promise<void> | null = null;
  for (const db of new Set([prisma, ...replicas, ...searchers])) {
    db.$on('query', (e) => {
      for (const listener of listeners) listener(e);
    });
  }
  let turn = 0;
  let searchTurn = 0;
  return {
    prisma,
    kind,
    reader: () => (replicas.length === 0 ? prisma : replicas[turn++ % replicas.length]!),
    anonymousSearcher: () => (searchers.length === 0 ? prisma : searchers[searchTurn++ % searchers.length]!),
    onStatement: (listener) => void listeners.add(listener),
    ping: async () => {
      if (closing !== null) throw new Error('database closed');
      await prisma.$queryRaw`SELECT 1`;
    },
    close: () => (closing ??= release()),
  };
}
