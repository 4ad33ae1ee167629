import path from 'node:path';
import { projectRoot } from './paths.js';

export type LocaleCode = 'FR' | 'EN';
export const LOCALES: readonly LocaleCode[] = ['FR', 'EN'];

export interface Config {
  /** PostgreSQL URL; absent means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  defaultLocale: LocaleCode;
  /** Fallback chain per requested locale, before the article's original language. */
  fallback: Record<LocaleCode, LocaleCode[]>;
  /** Seed the sample dispatch on start: 'auto' seeds the embedded database only. */
  seed: 'auto' | 'always' | 'never';
  corsOrigins: string[] | '*';
  production: boolean;
  logLevel: string;
  dbPoolSize: number;
  /** Redis for caches and counters shared by every process; null keeps them in this process. */
  redisUrl: string | null;
  /** PostgreSQL: longest wait for a connection (new, or free in the pool) before SERVICE_UNAVAILABLE. */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: longest statement (server-side `statement_timeout`; the client gives up a little later). */
  dbStatementTimeoutMs: number;
  /** On SIGTERM/SIGINT: how long in-flight requests get before the process exits with code 1. */
  shutdownGraceMs: number;
}

/**
 * Operational timeouts, so that a database outage or a stuck request fails fast instead of
 * holding clients and connections. Each is configurable; these are the defaults.
 */
export const TIMEOUTS = {
  /** A connection on a LAN opens in milliseconds; 5 s rides out a busy server, then a client sees SERVICE_UNAVAILABLE. */
  DB_CONNECT_MS: 5_000,
  /** Our statements take milliseconds (indexed, batched); 10 s only stops runaways and long lock waits. */
  DB_STATEMENT_MS: 10_000,
  /** Client-side margin over the statement timeout, for a network that stops answering (no cancel can get through). */
  DB_QUERY_MARGIN_MS: 2_000,
  /** Matches Kubernetes' and Docker's usual stop timeouts minus a margin; a request normally ends in < 1 s. */
  SHUTDOWN_GRACE_MS: 10_000,
} as const;

export class ConfigError extends Error {}

function parseLocale(value: string, name: string): LocaleCode {
  const upper = value.trim().toUpperCase();
  if ((LOCALES as readonly string[]).includes(upper)) return upper as LocaleCode;
  throw new ConfigError(`${name} must be one of ${LOCALES.join(', ')}, got "${value}"`);
}

function parseFallback(value: string | undefined): Record<LocaleCode, LocaleCode[]> {
  const chain: Record<LocaleCode, LocaleCode[]> = { FR: ['EN'], EN: ['FR'] };
  if (!value) return chain;
  // "fr:en,en:fr" — each requested locale, then what to try after it.
  for (const part of value.split(',')) {
    const [from, ...rest] = part.split(':');
    if (!from || rest.length === 0) throw new ConfigError(`FALLBACK_CHAIN: expected "fr:en,en:fr", got "${value}"`);
    chain[parseLocale(from, 'FALLBACK_CHAIN')] = rest.map((l) => parseLocale(l, 'FALLBACK_CHAIN'));
  }
  return chain;
}

function parseInteger(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer in ${min}..${max}, got "${value}"`);
  return n;
}

function parseRedisUrl(value: string | undefined): string | null {
  const url = value?.trim();
  if (!url) return null;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${url}"`);
  return url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgresql:// URL (leave it unset for the embedded database)');
  }
  const seed = (env.SEED_ON_START ?? 'auto').toLowerCase();
  if (seed !== 'auto' && seed !== 'always' && seed !== 'never') {
    throw new ConfigError(`SEED_ON_START must be auto, always or never, got "${seed}"`);
  }
  const cors = env.CORS_ORIGINS?.trim();
  return {
    databaseUrl,
    // memory:// is PGlite's in-memory database (tests); anything else is a folder.
    dataDir: env.DATA_DIR?.startsWith('memory://') ? env.DATA_DIR : path.resolve(projectRoot, env.DATA_DIR || '.data'),
    port: parseInteger(env.PORT, 4000, 'PORT', 0, 65535),
    host: env.HOST || '0.0.0.0',
    defaultLocale: parseLocale(env.DEFAULT_LOCALE || 'FR', 'DEFAULT_LOCALE'),
    fallback: parseFallback(env.FALLBACK_CHAIN),
    seed,
    corsOrigins: !cors || cors === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter(Boolean),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    dbPoolSize: parseInteger(env.DB_POOL_SIZE, 10, 'DB_POOL_SIZE', 1, 200),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    dbConnectTimeoutMs: parseInteger(env.DB_CONNECT_TIMEOUT_MS, TIMEOUTS.DB_CONNECT_MS, 'DB_CONNECT_TIMEOUT_MS', 100, 600_000),
    dbStatementTimeoutMs: parseInteger(env.DB_STATEMENT_TIMEOUT_MS, TIMEOUTS.DB_STATEMENT_MS, 'DB_STATEMENT_TIMEOUT_MS', 100, 3_600_000),
    shutdownGraceMs: parseInteger(env.SHUTDOWN_GRACE_MS, TIMEOUTS.SHUTDOWN_GRACE_MS, 'SHUTDOWN_GRACE_MS', 100, 3_600_000),
  };
}
