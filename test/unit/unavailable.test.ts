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
    // node-postgres errors the adapter passes through as they are (seen through the outage test's proxy).
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['a wait for a free pool connection that timed out', new Error('timeout exceeded when trying to connect')],
    ['the client-side query timeout', new Error('Query read timeout')],
    ['a query on a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a statement timeout', { meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57014' } } } }],
    ['no connection for a transaction within maxWait', { code: 'P2028', message: 'Transaction API error: Unable to start a transaction in the given time.' }],
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
