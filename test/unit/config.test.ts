import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database in .data, French, port 4000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: null, port: 4000, defaultLocale: 'FR', fallback: { FR: ['EN'], EN: ['FR'] }, seed: 'auto', corsOrigins: '*' });
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it('reads every setting', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://u@h/db',
      PORT: '8080',
      DEFAULT_LOCALE: 'en',
      FALLBACK_CHAIN: 'fr:en,en:fr',
      SEED_ON_START: 'never',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      NODE_ENV: 'production',
      DB_POOL_SIZE: '4',
      DB_PREPARED_STATEMENTS: '0',
      DB_DIRECT_READS: 'off',
      DATA_DIR: 'memory://',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgresql://u@h/db',
      port: 8080,
      defaultLocale: 'EN',
      seed: 'never',
      production: true,
      dbPoolSize: 4,
      dbPreparedStatements: 0,
      dbDirectReads: false,
      dataDir: 'memory://',
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('reads the scaling settings, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      redisKeyPrefix: 'depeche:',
      replicaUrls: [],
      trustProxy: false,
      webConcurrency: 1,
      rateLimit: { windowSeconds: 60, anonymous: 600, editor: 6000 },
    });
    const c = loadConfig({
      DATABASE_URL: 'postgresql://u@h/db',
      DATABASE_REPLICA_URLS: ' postgresql://u@r1/db, postgres://u@r2/db ,',
      WEB_CONCURRENCY: '4',
      TRUST_PROXY: '1',
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_EDITOR: '100',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      REDIS_KEY_PREFIX: 'news:',
    });
    expect(c).toMatchObject({
      replicaUrls: ['postgresql://u@r1/db', 'postgres://u@r2/db'],
      webConcurrency: 4,
      trustProxy: 1,
      redisKeyPrefix: 'news:',
      rateLimit: { windowSeconds: 10, anonymous: 0, editor: 100 },
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEFAULT_LOCALE: 'de' }, /DEFAULT_LOCALE/],
    [{ FALLBACK_CHAIN: 'fr' }, /FALLBACK_CHAIN/],
    [{ FALLBACK_CHAIN: 'fr:de' }, /FALLBACK_CHAIN/],
    [{ SEED_ON_START: 'sometimes' }, /SEED_ON_START/],
    [{ DB_POOL_SIZE: '0' }, /DB_POOL_SIZE/],
    [{ DB_PREPARED_STATEMENTS: '1001' }, /DB_PREPARED_STATEMENTS/],
    [{ SEARCH_RECENT_ARTICLES: '100001' }, /SEARCH_RECENT_ARTICLES/],
    [{ RATE_LIMIT_ANONYMOUS: '-1' }, /RATE_LIMIT_ANONYMOUS/],
    [{ RATE_LIMIT_EDITOR: 'lots' }, /RATE_LIMIT_EDITOR/],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, /RATE_LIMIT_WINDOW_SECONDS/],
    [{ WEB_CONCURRENCY: '0' }, /WEB_CONCURRENCY/],
    [{ WEB_CONCURRENCY: '2' }, /WEB_CONCURRENCY=2 needs DATABASE_URL/],
    [{ DATABASE_REPLICA_URLS: 'postgresql://u@replica/db' }, /DATABASE_REPLICA_URLS needs DATABASE_URL/],
    [{ DATABASE_URL: 'postgresql://u@h/db', DATABASE_REPLICA_URLS: 'postgresql://u@r/db,mysql://r2' }, /DATABASE_REPLICA_URLS/],
    [{ QUERY_MAX_DEPTH: '0' }, /QUERY_MAX_DEPTH/],
    [{ QUERY_MAX_COST: 'lots' }, /QUERY_MAX_COST/],
    [{ INTROSPECTION: 'sometimes' }, /INTROSPECTION/],
    [{ LANDING_PAGE: 'graphiql' }, /LANDING_PAGE/],
    [{ LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '0' }, /LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION/],
    [{ LIVE_MAX_CONNECTIONS_PER_IP: 'many' }, /LIVE_MAX_CONNECTIONS_PER_IP/],
    [{ MACHINE_TRANSLATIONS: 'auto' }, /MACHINE_TRANSLATIONS must be one of review, publish/],
  ])('refuses %o with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes the live-updates limits from limits.ts unless LIVE_MAX_* says otherwise', () => {
    expect(loadConfig({}).live).toEqual({ subscriptionsPerConnection: 10, connectionsPerIp: 100 });
    expect(loadConfig({ LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', LIVE_MAX_CONNECTIONS_PER_IP: '5' }).live).toEqual({
      subscriptionsPerConnection: 3,
      connectionsPerIp: 5,
    });
  });

  it('publishes machine translations only after a review unless MACHINE_TRANSLATIONS=publish', () => {
    expect(loadConfig({}).machineTranslations).toBe('review');
    expect(loadConfig({ MACHINE_TRANSLATIONS: 'publish' }).machineTranslations).toBe('publish');
  });

  it('takes the query limits from limits.ts unless QUERY_MAX_<NAME> says otherwise', () => {
    expect(loadConfig({}).queryLimits).toEqual({ characters: 20_000, tokens: 2_000, depth: 12, aliases: 20, directives: 20, cost: 20_000 });
    expect(loadConfig({ QUERY_MAX_DEPTH: '8', QUERY_MAX_COST: '5000' }).queryLimits).toMatchObject({ depth: 8, cost: 5000, aliases: 20 });
  });

  it('compiles execution unless GRAPHQL_JIT=off, and reads TRUSTED_DOCUMENTS from the project root', () => {
    expect(loadConfig({})).toMatchObject({ compiledExecution: true, trustedDocuments: null });
    expect(loadConfig({ GRAPHQL_JIT: 'OFF' }).compiledExecution).toBe(false);
    expect(() => loadConfig({ GRAPHQL_JIT: 'yes' })).toThrow(ConfigError);
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'manifests/app.json' }).trustedDocuments).toMatch(/[/\\]manifests[/\\]app\.json$/);
    expect(loadConfig({ TRUSTED_DOCUMENTS: '/etc/depeche/app.json' }).trustedDocuments).toBe('/etc/depeche/app.json');
  });

  it('opens introspection and Sandbox in development, keeps introspection for editors in production', () => {
    expect(loadConfig({})).toMatchObject({ introspection: 'on', landingPage: 'sandbox' });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: 'editors', landingPage: 'production' });
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'OFF', LANDING_PAGE: 'off' })).toMatchObject({ introspection: 'off', landingPage: 'off' });
    expect(loadConfig({ INTROSPECTION: 'editors', LANDING_PAGE: 'production' })).toMatchObject({ introspection: 'editors', landingPage: 'production' });
  });

  it('reads the operational timeouts, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000, shutdownGraceMs: 10_000 });
    expect(loadConfig({ DB_CONNECT_TIMEOUT_MS: '1500', DB_STATEMENT_TIMEOUT_MS: '30000', SHUTDOWN_GRACE_MS: '25000' })).toMatchObject({
      dbConnectTimeoutMs: 1_500,
      dbStatementTimeoutMs: 30_000,
      shutdownGraceMs: 25_000,
    });
    for (const name of ['DB_CONNECT_TIMEOUT_MS', 'DB_STATEMENT_TIMEOUT_MS', 'SHUTDOWN_GRACE_MS']) {
      expect(() => loadConfig({ [name]: '0' })).toThrow(new RegExp(name));
      expect(() => loadConfig({ [name]: 'soon' })).toThrow(ConfigError);
    }
  });
});
