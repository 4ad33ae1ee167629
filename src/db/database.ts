import { mkdir } from 'node:fs/promises';
import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { migratePGlite } from './pglite-migrate.js';

export type Prisma = PrismaClient<{ log: [{ emit: 'event'; level: 'query' }] }>;

export interface Database {
  /** The primary: writes, editors' reads, tokens. */
  prisma: Prisma;
  /**
   * The client for an anonymous request's reads: the read replicas in turn (DATABASE_REPLICA_URLS),
   * or the primary when there are none.
   */
  reader(): Prisma;
  kind: 'pglite' | 'postgresql';
  /** Cheap round trip used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

function client(adapter: PrismaPg | PrismaPGlite): Prisma {
  // Query events feed the SQL statement counts that tests and benchmarks check.
  // The cast: pglite-prisma-adapter types against an older @prisma/driver-adapter-utils; the runtime contract is the same.
  return new PrismaClient({ adapter: adapter as PrismaPg, log: [{ emit: 'event', level: 'query' }] }) as Prisma;
}

/**
 * PostgreSQL when `databaseUrl` is set (migrated beforehand by `prisma migrate deploy`), else
 * PGlite: in `dataDir`, or in memory for `memory://`, migrated here on open.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'> & Partial<Pick<Config, 'replicaUrls'>>, logger?: Logger): Promise<Database> {
  if (config.databaseUrl) {
    const prisma = client(new PrismaPg({ connectionString: config.databaseUrl, max: config.dbPoolSize }));
    // One client (and pool) per replica, picked per request: Prisma's read-replicas extension routes
    // per operation, and we route per viewer (an editor reads the primary, so sees their own writes).
    const replicas = (config.replicaUrls ?? []).map((url) => client(new PrismaPg({ connectionString: url, max: config.dbPoolSize })));
    return closable(prisma, 'postgresql', () => Promise.all([prisma, ...replicas].map((c) => c.$disconnect())).then(() => undefined), replicas);
  }
  if (!config.dataDir.startsWith('memory://')) await mkdir(config.dataDir, { recursive: true });
  // The search migration creates these extensions; PGlite ships them as loadable contrib modules.
  const pglite = await PGlite.create(config.dataDir, { extensions: { unaccent, pg_trgm } });
  const applied = await migratePGlite(pglite);
  if (applied.length > 0) logger?.info({ applied, dataDir: config.dataDir }, 'embedded database migrated');
  const prisma = client(new PrismaPGlite(pglite));
  return closable(prisma, 'pglite', async () => {
    await prisma.$disconnect();
    await pglite.close();
  });
}

// Prisma reconnects on the next query after $disconnect: once closed, readiness must say so
// whatever Prisma does, and closing twice (signal during shutdown) must be harmless.
function closable(prisma: Prisma, kind: Database['kind'], release: () => Promise<void>, replicas: Prisma[] = []): Database {
  let closing: Promise<void> | null = null;
  let turn = 0;
  return {
    prisma,
    reader: () => (replicas.length === 0 ? prisma : replicas[turn++ % replicas.length]!),
    kind,
    ping: async () => {
      if (closing) throw new Error('database closed');
      await prisma.$queryRaw`SELECT 1`;
    },
    close: () => (closing ??= release()),
  };
}
