import { Prisma as P } from '@prisma/client';
import { PLANNED_PER_RUN } from '../db/statement-names.js';
import type { LocaleCode } from '../config.js';
import type { EntityRow } from '../db/rows.js';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { loadPresent } from '../common/group.js';
import { cleanQueryText } from '../common/query-text.js';
import { LIMITS } from '../server/limits.js';
import type { Errors } from '../server/errors.js';
import type { Context } from '../server/context.js';
import { PUBLIC, visibleArticleSql } from '../articles/visibility.js';
import type { Entity } from './entity.type.js';
import { toEntity } from './entity.view.js';
import { readRows } from '../db/direct-reads.js';

/**
 * Ranked by score, so there is no sort key to resume from: the cursor is the number of results up
 * to and including the edge, i.e. the OFFSET of the next page. A name lookup is a question asked
 * now, not a live feed, so an entity added meanwhile shifting a page is acceptable.
 */
const LOOKUP_CURSOR = { tag: 'entity-search', shape: ['offset'] as CursorShape };

/** The name to look up, cleaned like any query text; its length counted in characters. */
function readEntityName(raw: string, errors: Errors): string {
  const name = cleanQueryText(raw);
  const length = [...name].length;
  if (length === 0 || length > LIMITS.ENTITY_NAME_QUERY_MAX_LENGTH) {
    throw errors.badInput('entityName', { argument: 'filter.name', max: LIMITS.ENTITY_NAME_QUERY_MAX_LENGTH });
  }
  return name;
}

/**
 * A translation (alias `t`) whose folded names contain something like `name`: pg_trgm word
 * similarity above pg_trgm.word_similarity_threshold, which the GIN index on `names` serves.
 */
export const namesMatch = (name: string): P.Sql => P.sql`depeche_fold(${name}) <% t.names`;

/**
 * Entities with a matching translation, with their best scores over both languages. Merged
 * duplicates are left out: their names were added to the kept entity's aliases, which matches.
 */
function matching(name: string, type: string | null | undefined): P.Sql {
  const query = P.sql`depeche_fold(${name})`;
  return P.sql`
    SELECT t."entityId" AS id,
           max(word_similarity(${query}, t.names)) AS word,
           max((SELECT max(similarity(${query}, n)) FROM unnest(string_to_array(t.names, ' | ')) AS n)) AS best_name,
           max(similarity(${query}, t.names)) AS all_names
    FROM "EntityTranslation" t JOIN "Entity" e ON e.id = t."entityId"
    WHERE ${namesMatch(name)} AND e."mergedIntoId" IS NULL ${type ? P.sql`AND e.type = ${type}::"EntityType"` : P.empty}
    GROUP BY t."entityId"`;
}

/**
 * One page of matching entity ids, best first. `word` alone ties whenever the query is contained
 * in several names ("etats unis" is in "Département d'État des États-Unis" too), so the closest
 * single name or alias comes next; similarity to all names together cannot do that job, as it
 * ties on "United States" against "United States Department of State". Then the most mentioned:
 * occurrences in articles readers see (Mention.count summed), as drafts and embargoed ones are not public.
 */
function rankedEntityIds(name: string, type: string | null | undefined, offset: number, take: number): P.Sql {
  return P.sql`${PLANNED_PER_RUN}
    WITH matched AS (${matching(name, type)})
    SELECT m.id, count(*) OVER ()::int AS total
    FROM matched m
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(mn.count), 0) AS mentions
      FROM "Mention" mn JOIN "Article" a ON a.id = mn."articleId" AND ${visibleArticleSql(PUBLIC)}
      WHERE mn."entityId" = m.id
    ) c
    ORDER BY m.word DESC, m.best_name DESC, m.all_names DESC, c.mentions DESC, m.id
    OFFSET ${offset} LIMIT ${take}`;
}

export async function lookUpEntities(
  ctx: Context,
  locale: LocaleCode,
  args: PageArgs,
  rawName: string,
  type?: string | null,
): Promise<ConnectionShape<Entity>> {
  const errors = ctx.errors(locale);
  const name = readEntityName(rawName, errors);
  const page = readPage(args, LOOKUP_CURSOR.tag, LOOKUP_CURSOR.shape, errors);
  const offset = (page.after?.[0] as number | undefined) ?? 0;
  const ids = await readRows<{ id: number; total: number }>(ctx.prisma, rankedEntityIds(name, type, offset, page.take));
  const rows = new Map(
    (
      await loadPresent(
        ctx.loaders.entity,
        ids.map((r) => r.id),
      )
    ).map((r) => [r.id, r]),
  );
  // Positions come from the ranking, so an entity deleted between the two statements shifts nothing.
  const ranked = ids.flatMap((r, i) => (rows.has(r.id) ? [{ row: rows.get(r.id) as EntityRow, position: offset + i + 1 }] : []));
  return toConnection(
    ranked,
    page,
    (r) => toEntity(r.row, locale, ctx.localizer),
    (r) => encodeCursor(LOOKUP_CURSOR.tag, [r.position]),
    async () => ids[0]?.total ?? (offset === 0 ? 0 : countMatches(ctx, name, type)),
  );
}

/** Only for a page past the end, where the window count of the page statement saw no rows. */
async function countMatches(ctx: Context, name: string, type?: string | null): Promise<number> {
  const [row] = await readRows<{ total: number }>(ctx.prisma, P.sql`${PLANNED_PER_RUN} SELECT count(*)::int AS total FROM (${matching(name, type)}) m`);
  return row?.total ?? 0;
}
