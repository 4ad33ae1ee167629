import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection (adapter)', { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }],
    ['a PostgreSQL shutdown', { cause: { kind: 'postgres', code: '57P01' } }],
    ['a database refusing connections', { meta: { driverAdapterError: { cause: { kind: 'postgres', code: '55000' } } } }],
    ['a Prisma pool timeout', { code: 'P2024', message: 'Timed out fetching a new connection' }],
    ['a closed PGlite', new Error('PGlite is closed')],
    ['a Prisma initialization error', Object.assign(new Error('x'), { name: 'PrismaClientInitializationError' })],
  ])('recognizes %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: 'P2002' }],
    ['a syntax error', { cause: { kind: 'postgres', code: '42601' } }],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
