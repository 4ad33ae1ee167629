import { Field, ID, InterfaceType } from 'type-graphql';
import { fromGlobalId, toGlobalId } from 'graphql-relay';

@InterfaceType('Node', { description: 'An object with a global id, the same in every language (Relay).' })
export abstract class Node {
  @Field(() => ID, { description: 'Global id: opaque, stable, identical across languages.' })
  id: string;
}

export type NodeKind = 'Article' | 'Quote' | 'Entity';

/** PostgreSQL `integer`, the type of every id column: a larger number names no row (and would fail in SQL). */
export const MAX_DATABASE_ID = 2 ** 31 - 1;

export const globalId = (kind: NodeKind, id: number): string => toGlobalId(kind, String(id));

/** Database id behind a global id of `kind`; null for ids of another kind or not ours. */
export function databaseId(id: string, kind?: NodeKind): { kind: NodeKind; id: number } | null {
  let decoded: { type: string; id: string };
  try {
    decoded = fromGlobalId(id);
  } catch {
    return null;
  }
  const n = Number(decoded.id);
  if (!['Article', 'Quote', 'Entity'].includes(decoded.type) || !/^\d+$/.test(decoded.id) || n < 1 || n > MAX_DATABASE_ID) return null;
  if (kind && decoded.type !== kind) return null;
  return { kind: decoded.type as NodeKind, id: n };
}
