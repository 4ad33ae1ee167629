type Loose = { code?: unknown; originalCode?: unknown; message?: unknown; originalMessage?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };

/**
 * True when `error` is a unique-constraint violation naming `name` (an index or column).
 * PostgreSQL through Prisma says P2002; PGlite's adapter passes the raw SQLSTATE 23505 in a
 * DriverAdapterError cause, so both shapes are walked.
 */
export function violatesUnique(error: unknown, name: string, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as Loose;
  const unique = e.code === 'P2002' || e.code === '23505' || e.originalCode === '23505';
  if (unique && `${JSON.stringify(e.meta ?? {})} ${JSON.stringify(e.cause ?? {})} ${String(e.message)} ${String(e.originalMessage)}`.includes(name))
    return true;
  return violatesUnique(e.meta?.driverAdapterError, name, depth + 1) || violatesUnique(e.cause, name, depth + 1);
}
