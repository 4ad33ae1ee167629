import { Prisma as P } from '@prisma/client';

/**
 * A date bound as ISO text cast to `timestamp`, like the columns (UTC without zone): a Date
 * parameter would be read in the session's time zone. Every statement binds dates this way.
 */
export const timestamp = (date: Date | string): P.Sql => P.sql`${typeof date === 'string' ? date : date.toISOString()}::timestamp`;

/**
 * A value of a closed set (a language, a status) or a validated count (a page size), written
 * into the statement's text instead of bound. A prepared statement without parameters is planned
 * once per connection and its plan reused; with parameters PostgreSQL plans it again on every
 * execution, because the generic plan of the feed (ignorant of its LIMIT) reads whole tables.
 * Planning was a fifth of the feed's database time. What a client chooses freely stays bound.
 */
export function inline(value: string | number): P.Sql {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer to inline: ${value}`);
    return P.raw(String(value));
  }
  if (!/^[A-Z][A-Z_]*$/.test(value)) throw new TypeError(`not a constant to inline: ${value}`);
  return P.raw(`'${value}'`);
}
