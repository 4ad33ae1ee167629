import { createHash } from 'node:crypto';

const READ = /^\s*(\(\s*)*(select|with)\b/i;

/**
 * Names for PostgreSQL prepared statements, given to @prisma/adapter-pg (`statementNameGenerator`):
 * a read whose text was seen before is parsed and planned once per connection, then executed. A
 * large read statement (an article with its quotes and mentions) costs PostgreSQL more to plan
 * than to run, so this takes most of its database time away. PostgreSQL's plan cache
 * (plan_cache_mode=auto) keeps planning per execution whenever a generic plan would cost more,
 * as for the feed's LIMIT.
 *
 * Only reads, and only the first `max` distinct texts of the process: every connection keeps each
 * statement it prepared until it closes, so the texts a stranger can vary (search terms, id lists)
 * must not grow that without bound. An empty name is the unnamed statement (parsed each time).
 */
export function statementNames(max: number): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= max || !READ.test(sql)) return '';
    const name = `d_${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
    names.set(sql, name);
    return name;
  };
}
