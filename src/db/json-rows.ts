import { Prisma as P } from '@prisma/client';

/**
 * Rows PostgreSQL builds as JSON (a page's quotes, a quote's speaker…) carry their `timestamp`
 * columns (UTC) as epoch milliseconds: cheaper to read back than text.
 */
export const jsonTimestamps = (alias: string) =>
  P.raw(`'createdAt', floor(extract(epoch FROM ${alias}."createdAt") * 1000), 'updatedAt', floor(extract(epoch FROM ${alias}."updatedAt") * 1000)`);

/** A row type as it arrives in such JSON. */
export type Timestamped<T> = Omit<T, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };

/** The row with its timestamps back as Dates. */
export const dated = <T>(json: Timestamped<T>): T => ({ ...json, createdAt: new Date(json.createdAt), updatedAt: new Date(json.updatedAt) }) as T;
