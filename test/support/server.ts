import { inject } from 'vitest';
import { GraphQLClient, ClientError } from 'graphql-request';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startServer, type Running } from '../../src/server/start.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { createDatabase, dropDatabase, onPostgres, uniqueName, urlFor } from './databases.js';

export interface TestServer {
  url: string;
  origin: string;
  running: Running;
  prisma: Running['db']['prisma'];
  /** A graphql-request client; `headers` e.g. { 'accept-language': 'en' }. */
  client(headers?: Record<string, string>): GraphQLClient;
  /** SQL statements the server ran while `fn` ran. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[]; params: unknown[][] }>;
  close(): Promise<void>;
}

/**
 * The real server on a fresh database of its own (PGlite in memory, or a copy of the migrated
 * PostgreSQL template), seeded with the seed dispatch, listening on a free port. With
 * `env.DATABASE_URL`, on that database instead (seeded too; the caller owns it).
 */
export async function startTestServer(env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<TestServer> {
  let database: string | null = null;
  const base: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_START: 'never',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Off unless a test turns it on: tests write fixtures straight into the database (no
    // invalidation) and count SQL statements of repeated queries. TEST_RESPONSE_CACHE=on runs
    // every test with it on.
    RESPONSE_CACHE: process.env.TEST_RESPONSE_CACHE ?? 'off',
    // Every test client is 127.0.0.1: rate limits stay off unless a test sets them (test/api/rate-limit.test.ts).
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_EDITOR: '0',
    // The webhook worker's poll is a statement of no request: rare, so that statement counts see
    // only the request's own (commits that queue deliveries still wake it). The webhook tests poll often.
    WEBHOOKS_POLL_MS: '600000',
  };
  if (env.DATABASE_URL) {
    // A database shared by several servers (see postgres.ts); its owner drops it.
  } else if (onPostgres) {
    database = uniqueName('depeche_test');
    await createDatabase(database, inject('templateDatabase')!);
    base.DATABASE_URL = urlFor(database);
  } else {
    base.DATA_DIR = 'memory://';
  }
  const config: Config = loadConfig({ ...base, NODE_ENV: 'test', ...env });
  const running = await startServer(config, options.logger ?? createLogger(config.logLevel));
  await seedDatabase(running.db.prisma);

  const log: { query: string; params: string }[] = [];
  let recording = false;
  // Every client's statements, Prisma's and the direct reads (anonymous searches have a client of their own).
  running.db.onStatement((e) => {
    if (recording) log.push({ query: e.query, params: e.params });
  });

  return {
    url: running.url,
    origin: running.url.replace(/\/graphql$/, ''),
    running,
    prisma: running.db.prisma,
    client: (headers = {}) => new GraphQLClient(running.url, { headers }),
    async countStatements(fn) {
      log.length = 0;
      recording = true;
      try {
        const result = await fn();
        return { result, statements: log.length, sql: log.map((l) => l.query), params: log.map((l) => JSON.parse(l.params) as unknown[]) };
      } finally {
        recording = false;
      }
    },
    async close() {
      await running.close();
      if (database) await dropDatabase(database);
    },
  };
}

/** The GraphQL errors of a failed request (graphql-request throws ClientError for them). */
export async function graphqlErrors(promise: Promise<unknown>): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ClientError) return (e.response.errors ?? []) as never;
    throw e;
  }
  throw new Error('expected GraphQL errors, got data');
}
