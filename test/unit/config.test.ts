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
      DATABASE_URL: 'postgresql://u@h/db', PORT: '8080', DEFAULT_LOCALE: 'en', FALLBACK_CHAIN: 'fr:en,en:fr',
      SEED_ON_START: 'never', CORS_ORIGINS: 'https://a.example, https://b.example', NODE_ENV: 'production', DB_POOL_SIZE: '4', DATA_DIR: 'memory://',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgresql://u@h/db', port: 8080, defaultLocale: 'EN', seed: 'never', production: true, dbPoolSize: 4, dataDir: 'memory://',
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
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
  ])('refuses %o with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
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
