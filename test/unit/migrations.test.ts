import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/db/pglite-migrate.js';

describe('migration files', () => {
  it('end every statement at the end of a line, with no other semicolon', async () => {
    // `prisma migrate deploy` (JS schema engine) splits scripts on every ";", even inside comments,
    // strings and function bodies; PGlite runs them whole, so only PostgreSQL would break.
    for (const { name, sql } of await readMigrations()) {
      const offending = sql.split('\n').filter((line) => line.includes(';') && !/^[^;]*;\s*$/.test(line));
      expect(offending, name).toEqual([]);
      expect(
        sql.split('\n').filter((line) => line.trimStart().startsWith('--') && line.includes(';')),
        name,
      ).toEqual([]);
    }
  });
});
