import { createHash } from 'node:crypto';
import { Prisma as P } from '@prisma/client';

const READ = /^\s*(\(\s*)*(select|with)\b/i;

/**
 * Put first in a statement whose best plan depends on its values (a full-text or trigram search:
 * a word found everywhere wants the newest articles walked, a rare one the index): it is never
 * prepared, so PostgreSQL plans it for the values of each run, never with a generic plan.
 */
export const PLANNED_PER_RUN = P.raw('/* planned per run */');

/**
 * Names for PostgreSQL prepared statements, given to @prisma/adapter-pg (`statementNameGenerator`):
 * a read whose text was seen before is parsed and planned once per connection, then executed. A
 * large read statement (an article with its quotes and mentions) costs PostgreSQL more to plan
 * than to run, so this takes most of its database time away. PostgreSQL's plan cache
 * (plan_cache_mode=auto) keeps planning per execution whenever a generic plan would cost more,
 * as for the feed's LIMIT.
 *
 * Only reads (not PLANNED_PER_RUN ones), and only the first `max` distinct texts of the process: every connection keeps each
 * statement it prepared until it closes, so the texts a stranger can vary (search terms, id lists)
 * must not grow that without bound. An empty name is the unnamed statement (parsed each time).
 */
export function statementNames(max: number): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= max || sql.startsWith(PLANNED_PER_RUN.sql) || !READ.test(sql)) return '';
    const name = `d_${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
    names.set(sql, name);
    return name;
  };
}
