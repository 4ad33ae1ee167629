import { Prisma as P } from '@prisma/client';

/**
 * A date bound as ISO text cast to `timestamp`, like the columns (UTC without zone): a Date
 * parameter would be read in the session's time zone. Every statement binds dates this way.
 */
export const timestamp = (date: Date | string): P.Sql => P.sql`${typeof date === 'string' ? date : date.toISOString()}::timestamp`;
