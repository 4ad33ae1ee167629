import type { Errors } from '../server/errors.js';
import { databaseId, type NodeKind } from './node.js';

/** Database id of a global id given as a filter argument; BAD_USER_INPUT when it is not one of `kind`. */
export function requireId(id: string, kind: NodeKind, argument: string, errors: Errors): number {
  const decoded = databaseId(id, kind);
  if (!decoded) throw errors.badInput('id', { argument });
  return decoded.id;
}
