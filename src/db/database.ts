import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PrismaClient } from '@prisma/client';
import type { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { PoolConfig } from 'pg';
import { TIMEOUTS, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { migratePGlite, pendingMigrations } from './pglite-migrate.js';
import { lockDataFolder, type DataFolderUser } from './data-lock.js';
import { RecoveringPrismaPg } from './pg-adapter.js';
import { statementNames } from './statement-names.js';
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
    Partial<Pick<Config, 'replicaUrls' | 'anonymousStatementTimeoutMs' | 'dbPreparedStatements'>>,
  logger?: Logger,
  options: OpenOptions = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const prisma = client(new RecoveringPrismaPg(poolConfig(config.databaseUrl, config), adapterOptions(config, logger)), config);
    // One client (and pool) per replica, picked per request: Prisma's read-replicas extension routes
    // per operation, and we route per viewer (an editor reads the primary, so sees their own writes).
    const replicas = (config.replicaUrls ?? []).map((url) => client(new RecoveringPrismaPg(poolConfig(url, config), adapterOptions(config, logger)), config));
    // Pools open connections on demand: a process that serves no anonymous search opens none.
    const search = {
      ...config,
      dbPoolSize: searchSlots(config.dbPoolSize),
      dbStatementTimeoutMs: config.anonymousStatementTimeoutMs ?? TIMEOUTS.ANONYMOUS_STATEMENT_MS,
    };
    const searchers = (replicas.length > 0 ? config.replicaUrls! : [config.databaseUrl]).map((url) =>
      client(new RecoveringPrismaPg(poolConfig(url, search), adapterOptions(search, logger)), search),
    );
    const all = [prisma, ...replicas, ...searchers];
    return closable(prisma, 'postgresql', () => Promise.all(all.map((c) => c.$disconnect())).then(() => undefined), replicas, searchers);
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
    const prisma = client(new PrismaPGlite(pglite), config);
    return closable(prisma, 'pglite', async () => {
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

/**
 * A connection that breaks emits 'error' (an unhandled one would crash the process); the adapter
 * listens on idle pool clients and on transaction connections and hands them here, to log.
 */
function outageLogging(logger?: Logger) {
  const warn = (err: Error) => logger?.warn({ err: err.message }, 'database connection lost');
  return { onPoolError: warn, onConnectionError: warn };
}

/** The adapter's options: outage logging, and prepared statements unless DB_PREPARED_STATEMENTS=0. */
function adapterOptions(config: Partial<Pick<Config, 'dbPreparedStatements'>>, logger?: Logger) {
  const prepared = config.dbPreparedStatements ?? 0;
  return { ...outageLogging(logger), ...(prepared > 0 && { statementNameGenerator: statementNames(prepared) }) };
}

// Prisma reconnects on the next query after $disconnect: once closed, readiness must say so
// whatever Prisma does, and closing twice (signal during shutdown) must be harmless.
function closable(prisma: Db, kind: Database['kind'], release: () => Promise<void>, replicas: Db[] = [], searchers: Db[] = []): Database {
  let closing: Promise<void> | null = null;
  let turn = 0;
  let searchTurn = 0;
  return {
    prisma,
    kind,
    reader: () => (replicas.length === 0 ? prisma : replicas[turn++ % replicas.length]!),
    anonymousSearcher: () => (searchers.length === 0 ? prisma : searchers[searchTurn++ % searchers.length]!),
    ping: async () => {
      if (closing !== null) throw new Error('database closed');
      await prisma.$queryRaw`SELECT 1`;
    },
    close: () => (closing ??= release()),
  };
}
