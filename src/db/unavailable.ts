// PostgreSQL SQLSTATEs that mean "the database cannot serve you now", not "your query is wrong":
// class 08 (connection exception), 53300 too many connections, 55000 not accepting connections,
// 57P01–57P03 shutdown / cannot connect now, 57014 statement timeout (DB_STATEMENT_TIMEOUT_MS:
// a statement stuck behind locks or an overloaded server, worth retrying later).
const UNAVAILABLE_SQLSTATE = /^(08...|53300|55000|57014|57P0[123])$/;
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);
// Prisma: can't reach server, timed out, server closed the connection, pool timeout, and P2028
// (interactive transaction API: no connection free within `maxWait`, or the transaction outlived
// its `timeout`): all say "too busy or away now", and our transactions are short otherwise.
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// node-postgres' own errors, which the adapter passes through unconverted: a connection cut
// ("Connection terminated unexpectedly"), a connect timeout ("Connection terminated due to
// connection timeout", "timeout exceeded when trying to connect" while waiting for a pool slot),
// the client-side query timeout, a query sent on a client that already broke, and a direct read
// (src/db/direct-reads.ts) on a pool closed by shutdown.
const UNAVAILABLE_MESSAGES =
  /PGlite is closed|database closed|Cannot use a pool after calling end|Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable|\b(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b|Can't reach database server/i;

type Loose = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; name?: unknown };

/** True when an error says the database is unreachable or refusing work (an outage, not a bug). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as Loose;
  if (e.name === 'PrismaClientInitializationError') return true;
  if (typeof e.code === 'string' && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (typeof e.kind === 'string' && UNAVAILABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
