import { LIMITS } from '../server/limits.js';
import { MAX_DATABASE_ID } from './node.js';
import { isStorableDate } from './storable-values.js';

/**
 * Keyset cursors: the sort key of the last row, so a page stays correct when rows are inserted
 * before it (an offset would skip or repeat articles in a live feed). Opaque to clients:
 * base64url of JSON, tagged with the connection it belongs to.
 */
export type CursorKey = (string | number | null)[];

export class InvalidCursorError extends Error {}

export function encodeCursor(tag: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([tag, ...key])).toString('base64url');
}

/**
 * Type of each part of a cursor key: an ISO date (`date?`: or null), a database id, or an offset
 * (a position in a list ranked by score, which has no key to resume from: see entity lookup).
 */
export type CursorShape = readonly ('date' | 'date?' | 'id' | 'offset')[];

/** A key a crafted cursor could carry must still fit its column: an integer id, a storable date. */
function fits(value: unknown, kind: CursorShape[number]): boolean {
  if (kind === 'id') return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DATABASE_ID;
  if (kind === 'offset') return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DATABASE_ID;
  if (value === null) return kind === 'date?';
  return typeof value === 'string' && isStorableDate(value);
}

/** Decodes a cursor of connection `tag` with a key of the given shape; throws InvalidCursorError. */
export function decodeCursor(cursor: string, tag: string, shape: CursorShape): CursorKey {
  if (cursor.length === 0 || cursor.length > LIMITS.CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError('not a cursor');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor');
  }
  if (!Array.isArray(parsed) || parsed[0] !== tag || parsed.length !== shape.length + 1) {
    throw new InvalidCursorError('cursor of another list');
  }
  const key = parsed.slice(1);
  if (!key.every((v, i) => fits(v, shape[i]!))) throw new InvalidCursorError('malformed cursor key');
  return key as CursorKey;
}
