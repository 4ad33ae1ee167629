import type { Errors } from '../server/errors.js';
import type { Context } from '../server/context.js';
import { databaseId, type NodeKind } from './node.js';

/** Database id of a global id given as a filter argument; BAD_USER_INPUT when it is not one of `kind`. */
export function requireId(id: string, kind: NodeKind, argument: string, errors: Errors): number {
  const decoded = databaseId(id, kind);
  if (!decoded) throw errors.badInput('id', { argument });
  return decoded.id;
}

/**
 * Entity id of a filter argument, following merges: a merged duplicate's mentions and quotes
 * moved to the entity kept, so filtering by the old id must mean the kept one.
 */
export async function requireEntityId(ctx: Context, id: string, argument: string, errors: Errors): Promise<number> {
  const entityId = requireId(id, 'Entity', argument, errors);
  return (await ctx.loaders.entity.load(entityId))?.id ?? entityId;
}
