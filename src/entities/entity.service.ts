import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';
import { withTranslations } from '../db/rows.js';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import type { Context } from '../server/context.js';
import type { EntityFilter } from './entity.input.js';
import type { Entity } from './entity.type.js';
import { toEntity } from './entity.view.js';
import { lookUpEntities } from './entity.lookup.js';

/** Entities are listed in creation order; the cursor is the id of the last one. */
const ENTITY_CURSOR = { tag: 'entity', shape: ['id'] as CursorShape };

export async function listEntities(ctx: Context, locale: LocaleCode, args: PageArgs, filter?: EntityFilter | null): Promise<ConnectionShape<Entity>> {
  if (filter?.name != null) return lookUpEntities(ctx, locale, args, filter.name, filter.type);
  const page = readPage(args, ENTITY_CURSOR.tag, ENTITY_CURSOR.shape, ctx.errors(locale));
  // Merged duplicates are not listed: their ids resolve to the entity kept, which is.
  const where: P.EntityWhereInput = { mergedIntoId: null, ...(filter?.type ? { type: filter.type } : {}) };
  const rows = await ctx.prisma.entity.findMany({
    where: { ...where, ...(page.after ? { id: { gt: page.after[0] as number } } : {}) },
    include: withTranslations,
    orderBy: { id: 'asc' },
    take: page.take,
  });
  return toConnection(
    rows,
    page,
    (r) => toEntity(r, locale, ctx.localizer),
    (r) => encodeCursor(ENTITY_CURSOR.tag, [r.id]),
    () => ctx.prisma.entity.count({ where }),
  );
}

export async function findEntity(ctx: Context, locale: LocaleCode, id: number): Promise<Entity | null> {
  const row = await ctx.loaders.entity.load(id);
  return row && toEntity(row, locale, ctx.localizer);
}
