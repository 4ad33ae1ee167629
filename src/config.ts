import path from 'node:path';
import { projectRoot } from './paths.js';
import { LIVE_LIMITS, QUERY_LIMITS, RATE_LIMIT, SEARCH, type QueryLimitName } from './server/limits.js';

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
  /** Distinct read statements each process prepares on PostgreSQL (parsed and planned once per connection); 0: none. */
  dbPreparedStatements: number;
  /** Reads run on the database driver itself, past Prisma's raw-query engine (src/db/direct-reads.ts); off: through Prisma. */
  dbDirectReads: boolean;
  /** Redis for caches and counters shared by every process; null keeps them in this process. */
  redisUrl: string | null;
  /** Prepended to every Redis key of this deployment, so several can share one Redis. */
  redisKeyPrefix: string;
  /** PostgreSQL read replicas for anonymous reads (empty: every query goes to `databaseUrl`). */
  replicaUrls: string[];
  /** express `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP. */
  trustProxy: boolean | number | string;
  /** Requests per window and client; 0 turns that budget's limit off. */
  rateLimit: { windowSeconds: number; anonymous: number; editor: number };
  /** Worker processes sharing the port (node:cluster); 1 runs the server in this process. */
  webConcurrency: number;
  /** Execute documents compiled by graphql-jit (GRAPHQL_JIT=on) rather than graphql-js's interpreter. */
  compiledExecution: boolean;
  /** JSON manifest {sha256: document} of the only operations anonymous and reader requests may run; null: any. */
  trustedDocuments: string | null;
  /** Shared response cache for anonymous reads, with public Cache-Control headers. */
  responseCache: boolean;
  /** Seconds a cached answer lives, in the server's cache and as `max-age` for CDNs. */
  responseCacheTtl: number;
  /** Query limits: QUERY_LIMITS in src/server/limits.ts, each overridable by QUERY_MAX_<NAME>. */
  queryLimits: Record<QueryLimitName, number>;
  /** Who may introspect the schema: everyone, editors (a valid editor token) or nobody. */
  introspection: 'on' | 'editors' | 'off';
  /** What a browser's GET /graphql shows: Apollo Sandbox, Apollo's production page, or nothing. */
  landingPage: 'sandbox' | 'production' | 'off';
  /** PostgreSQL: longest wait for a connection (new, or free in the pool) before SERVICE_UNAVAILABLE. */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: longest statement (server-side `statement_timeout`; the client gives up a little later). */
  dbStatementTimeoutMs: number;
  /** PostgreSQL: longest search statement of a request without an editor token (`SET LOCAL statement_timeout`). */
  anonymousStatementTimeoutMs: number;
  /** Newest visible articles whose texts and quotes a search matches one by one before it uses the text index (SEARCH.RECENT_ARTICLES); 0: the index alone. */
  searchRecentArticles: number;
  /** On SIGTERM/SIGINT: how long in-flight requests get before the process exits with code 1. */
  shutdownGraceMs: number;
  /** Live updates (subscriptions over WebSocket): LIVE_LIMITS in src/server/limits.ts, overridable by LIVE_MAX_*. */
  live: { subscriptionsPerConnection: number; connectionsPerIp: number };
  /** Webhooks: how outbound deliveries are made, retried and given up on (docs/operations.md). */
  webhooks: WebhookSettings;
  /** MACHINE translations: published only after a review (IN_REVIEW → PUBLISHED), or publishable straight from DRAFT. */
  machineTranslations: 'review' | 'publish';
}

export interface WebhookSettings {
  /** Allow endpoints on private, loopback and link-local addresses (WEBHOOKS_ALLOW_PRIVATE=true; tests, internal receivers). */
  allowPrivate: boolean;
  /** Longest request to an endpoint, connection to end of response. */
  timeoutMs: number;
  /** Bytes of a response read at most; the connection is cut beyond. */
  maxResponseBytes: number;
  /** Wait before the first retry; doubled each attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts per delivery before it is given up. */
  maxAttempts: number;
  /** Consecutive failed attempts after which an endpoint is disabled. */
  disableAfterFailures: number;
  /** How often the worker looks for due deliveries when nothing woke it. */
  pollMs: number;
  /** Deliveries a process sends at once. */
  concurrency: number;
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
  /** An anonymous search answers in well under 100 ms; 2 s is 20 times that, and a search can hold a connection no longer. */
  ANONYMOUS_STATEMENT_MS: 2_000,
  /** Client-side margin over the statement timeout, for a network that stops answering (no cancel can get through). */
  DB_QUERY_MARGIN_MS: 2_000,
  /** Matches Kubernetes' and Docker's usual stop timeouts minus a margin; a request normally ends in < 1 s. */
  SHUTDOWN_GRACE_MS: 10_000,
  /** Standard Webhooks receivers should answer within seconds; 10 s spares a slow one, and stays within the shutdown grace. */
  WEBHOOK_MS: 10_000,
} as const;

function parseBoolean(value: string | undefined, name: string): boolean {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function parseWebhooks(env: NodeJS.ProcessEnv): WebhookSettings {
  const int = (name: string, fallback: number, min: number, max: number) => parseInteger(env[`WEBHOOKS_${name}`], fallback, `WEBHOOKS_${name}`, min, max);
  return {
    allowPrivate: parseBoolean(env.WEBHOOKS_ALLOW_PRIVATE, 'WEBHOOKS_ALLOW_PRIVATE'),
    timeoutMs: int('TIMEOUT_MS', TIMEOUTS.WEBHOOK_MS, 100, 120_000),
    maxResponseBytes: int('MAX_RESPONSE_BYTES', 64 * 1024, 0, 10 * 1024 * 1024),
    // 10 s, 20 s, 40 s … capped at an hour: 15 attempts span about 9 hours of an endpoint's outage.
    retryBaseMs: int('RETRY_BASE_MS', 10_000, 1, 3_600_000),
    retryMaxMs: int('RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
    maxAttempts: int('MAX_ATTEMPTS', 15, 1, 1_000),
    disableAfterFailures: int('DISABLE_AFTER_FAILURES', 50, 1, 100_000),
    pollMs: int('POLL_MS', 2_000, 10, 600_000),
    concurrency: int('CONCURRENCY', 8, 1, 256),
  };
}

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

function parseReplicaUrls(value: string | undefined, databaseUrl: string | null): string[] {
  const urls = (value ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) return [];
  if (!databaseUrl) throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL: the embedded database has no replicas');
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError(`DATABASE_REPLICA_URLS must be comma-separated postgresql:// URLs, got "${url}"`);
  }
  return urls;
}

// Express's own forms: true/false, a hop count, or comma-separated addresses, subnets and names (loopback, uniquelocal…).
function parseTrustProxy(value: string | undefined): boolean | number | string {
  const v = value?.trim();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

function parseWebConcurrency(value: string | undefined, databaseUrl: string | null): number {
  const n = parseInteger(value, 1, 'WEB_CONCURRENCY', 1, 256);
  if (n > 1 && !databaseUrl) {
    throw new ConfigError(`WEB_CONCURRENCY=${n} needs DATABASE_URL: the embedded database is one process per DATA_DIR (leave WEB_CONCURRENCY unset or 1)`);
  }
  return n;
}

function parseSwitch(value: string | undefined, fallback: boolean, name: string): boolean {
  const v = value?.trim().toLowerCase();
  if (!v) return fallback;
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${value}"`);
}

function parseChoice<T extends string>(value: string | undefined, fallback: T, name: string, choices: readonly T[]): T {
  const v = value?.trim().toLowerCase();
  if (!v) return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${value}"`);
  return v as T;
}

function parseQueryLimits(env: NodeJS.ProcessEnv): Record<QueryLimitName, number> {
  const entries = Object.entries(QUERY_LIMITS).map(([name, fallback]) => {
    const variable = `QUERY_MAX_${name}`;
    return [name.toLowerCase(), parseInteger(env[variable], fallback, variable, 1, 1_000_000)];
  });
  return Object.fromEntries(entries) as Record<QueryLimitName, number>;
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
    corsOrigins:
      !cors || cors === '*'
        ? '*'
        : cors
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    dbPoolSize: parseInteger(env.DB_POOL_SIZE, 10, 'DB_POOL_SIZE', 1, 200),
    dbPreparedStatements: parseInteger(env.DB_PREPARED_STATEMENTS, 100, 'DB_PREPARED_STATEMENTS', 0, 1_000),
    dbDirectReads: parseSwitch(env.DB_DIRECT_READS, true, 'DB_DIRECT_READS'),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'depeche:',
    replicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS, databaseUrl),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    rateLimit: {
      windowSeconds: parseInteger(env.RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT.WINDOW_SECONDS, 'RATE_LIMIT_WINDOW_SECONDS', 1, 86_400),
      anonymous: parseInteger(env.RATE_LIMIT_ANONYMOUS, RATE_LIMIT.ANONYMOUS, 'RATE_LIMIT_ANONYMOUS', 0, 1_000_000),
      editor: parseInteger(env.RATE_LIMIT_EDITOR, RATE_LIMIT.EDITOR, 'RATE_LIMIT_EDITOR', 0, 1_000_000),
    },
    webConcurrency: parseWebConcurrency(env.WEB_CONCURRENCY, databaseUrl),
    compiledExecution: parseSwitch(env.GRAPHQL_JIT, true, 'GRAPHQL_JIT'),
    trustedDocuments: env.TRUSTED_DOCUMENTS?.trim() ? path.resolve(projectRoot, env.TRUSTED_DOCUMENTS.trim()) : null,
    responseCache: parseSwitch(env.RESPONSE_CACHE, true, 'RESPONSE_CACHE'),
    responseCacheTtl: parseInteger(env.RESPONSE_CACHE_TTL, 60, 'RESPONSE_CACHE_TTL', 1, 86_400),
    queryLimits: parseQueryLimits(env),
    introspection: parseChoice(env.INTROSPECTION, env.NODE_ENV === 'production' ? 'editors' : 'on', 'INTROSPECTION', ['on', 'editors', 'off']),
    landingPage: parseChoice(env.LANDING_PAGE, env.NODE_ENV === 'production' ? 'production' : 'sandbox', 'LANDING_PAGE', ['sandbox', 'production', 'off']),
    dbConnectTimeoutMs: parseInteger(env.DB_CONNECT_TIMEOUT_MS, TIMEOUTS.DB_CONNECT_MS, 'DB_CONNECT_TIMEOUT_MS', 100, 600_000),
    dbStatementTimeoutMs: parseInteger(env.DB_STATEMENT_TIMEOUT_MS, TIMEOUTS.DB_STATEMENT_MS, 'DB_STATEMENT_TIMEOUT_MS', 100, 3_600_000),
    anonymousStatementTimeoutMs: parseInteger(
      env.DB_ANONYMOUS_STATEMENT_TIMEOUT_MS,
      TIMEOUTS.ANONYMOUS_STATEMENT_MS,
      'DB_ANONYMOUS_STATEMENT_TIMEOUT_MS',
      1,
      3_600_000,
    ),
    searchRecentArticles: parseInteger(env.SEARCH_RECENT_ARTICLES, SEARCH.RECENT_ARTICLES, 'SEARCH_RECENT_ARTICLES', 0, 100_000),
    shutdownGraceMs: parseInteger(env.SHUTDOWN_GRACE_MS, TIMEOUTS.SHUTDOWN_GRACE_MS, 'SHUTDOWN_GRACE_MS', 100, 3_600_000),
    live: {
      subscriptionsPerConnection: parseInteger(
        env.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        LIVE_LIMITS.SUBSCRIPTIONS_PER_CONNECTION,
        'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION',
        1,
        10_000,
      ),
      connectionsPerIp: parseInteger(env.LIVE_MAX_CONNECTIONS_PER_IP, LIVE_LIMITS.CONNECTIONS_PER_IP, 'LIVE_MAX_CONNECTIONS_PER_IP', 1, 1_000_000),
    },
    webhooks: parseWebhooks(env),
    machineTranslations: parseChoice(env.MACHINE_TRANSLATIONS, 'review', 'MACHINE_TRANSLATIONS', ['review', 'publish']),
  };
}
