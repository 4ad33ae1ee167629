import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../src/common/cursor.js';

describe('cursors', () => {
  it('round-trip a key of their list', () => {
    const cursor = encodeCursor('article', ['2024-04-01T00:00:00.000Z', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'article', ['date', 'id'])).toEqual(['2024-04-01T00:00:00.000Z', 42]);
  });

  it('accept a null date only where the shape allows it', () => {
    const undated = encodeCursor('article', [null, 7]);
    expect(decodeCursor(undated, 'article', ['date?', 'id'])).toEqual([null, 7]);
    expect(() => decodeCursor(undated, 'article', ['date', 'id'])).toThrow(InvalidCursorError);
  });

  it('carry an offset, zero included, for lists ranked by score', () => {
    expect(decodeCursor(encodeCursor('entity-search', [0]), 'entity-search', ['offset'])).toEqual([0]);
    expect(decodeCursor(encodeCursor('entity-search', [40]), 'entity-search', ['offset'])).toEqual([40]);
    for (const bad of [-1, 1.5, '3', null, 2 ** 31]) {
      expect(() => decodeCursor(encodeCursor('entity-search', [bad]), 'entity-search', ['offset'])).toThrow(InvalidCursorError);
    }
    expect(() => decodeCursor(encodeCursor('entity', [3]), 'entity-search', ['offset'])).toThrow(InvalidCursorError);
  });

  it('accept the first and last ids and years a column holds', () => {
    for (const key of [
      ['1000-01-01T00:00:00.000Z', 1],
      ['9999-12-31T23:59:59.999Z', 2 ** 31 - 1],
    ])
      expect(decodeCursor(encodeCursor('article', key), 'article', ['date', 'id'])).toEqual(key);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['another list', encodeCursor('entity', [1])],
    ['wrong arity', encodeCursor('article', [1])],
    ['a date that is not one', encodeCursor('article', ['yesterday', 1])],
    ['a negative id', encodeCursor('article', ['2024-04-01T00:00:00.000Z', -1])],
    ['a fractional id', encodeCursor('article', ['2024-04-01T00:00:00.000Z', 1.5])],
    ['an id as text', encodeCursor('article', ['2024-04-01T00:00:00.000Z', '1'])],
    ['too long', 'A'.repeat(1000)],
    ['an id beyond a database integer', encodeCursor('article', ['2024-04-01T00:00:00.000Z', 2 ** 31])],
    ['an id of 0', encodeCursor('article', ['2024-04-01T00:00:00.000Z', 0])],
    ['a date of year 0', encodeCursor('article', ['0000-01-01', 1])],
    ['a date of year 999', encodeCursor('article', ['0999-12-31T23:59:59.999Z', 1])],
    ['a date of year 10000', encodeCursor('article', ['+010000-01-01T00:00:00.000Z', 1])],
  ])('reject %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor, 'article', ['date', 'id'])).toThrow(InvalidCursorError);
  });
});
