import { describe, expect, it } from 'vitest';
import { PLANNED_PER_RUN, statementNames } from '../../src/db/statement-names.js';
import { Prisma } from '@prisma/client';

describe('statementNames', () => {
  it('names each read text once, the same each time, and no write', () => {
    const name = statementNames(10);
    const feed = name({ sql: 'SELECT a.id FROM "Article" a WHERE a.id = $1' });
    expect(feed).toMatch(/^d_[\w-]{22}$/);
    expect(name({ sql: 'SELECT a.id FROM "Article" a WHERE a.id = $1' })).toBe(feed);
    expect(name({ sql: '\n  WITH x AS (SELECT 1) SELECT * FROM x' })).toMatch(/^d_/);
    expect(name({ sql: 'SELECT a.slug FROM "Article" a WHERE a.id = $1' })).not.toBe(feed);
    // A search's best plan depends on its words: planned for each run's values.
    expect(name({ sql: Prisma.sql`${PLANNED_PER_RUN} WITH q AS (SELECT 1) SELECT * FROM q`.sql })).toBe('');
    for (const sql of ['UPDATE "Article" SET version = version + 1', 'INSERT INTO "Mention" VALUES ($1)', 'BEGIN', 'COMMIT']) expect(name({ sql })).toBe('');
  });

  it('leaves texts past the cap unnamed, and keeps naming those it named', () => {
    const name = statementNames(2);
    const [a, b] = [name({ sql: 'SELECT 1' }), name({ sql: 'SELECT 2' })];
    expect([a, b].every((n) => n.startsWith('d_'))).toBe(true);
    expect(name({ sql: 'SELECT 3' })).toBe('');
    expect([name({ sql: 'SELECT 1' }), name({ sql: 'SELECT 2' })]).toEqual([a, b]);
  });
});
