import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { LIMITS } from '../server/limits.js';
import type { Errors } from '../server/errors.js';
import { decodeCursor, InvalidCursorError, type CursorKey, type CursorShape } from './cursor.js';

@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page sits in its list (Relay).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'True when this page was asked for with `after`.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item: pass it as `after` for the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${LIMITS.PAGE_SIZE_MAX}; default ${LIMITS.PAGE_SIZE_DEFAULT}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string | null;
}

export interface Page {
  /** Rows to fetch: one more than the page when the request asks whether another page follows. */
  take: number;
  first: number;
  after: CursorKey | null;
}

/**
 * Validates paging arguments; errors are BAD_USER_INPUT in the caller's language. `peek`: whether
 * the request selects `hasNextPage` (page-lookahead's asksNextPage); without it the statement reads
 * just the page, and `hasNextPage`, which nobody reads then, says false.
 */
export function readPage(args: PageArgs, tag: string, shape: CursorShape, errors: Errors, peek = true): Page {
  const first = args.first ?? LIMITS.PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.PAGE_SIZE_MAX) {
    throw errors.badInput('first', { argument: 'first', min: 1, max: LIMITS.PAGE_SIZE_MAX, value: first });
  }
  let after: CursorKey | null = null;
  if (args.after != null) {
    try {
      after = decodeCursor(args.after, tag, shape);
    } catch (e) {
      if (e instanceof InvalidCursorError) throw errors.badInput('cursor', { argument: 'after' });
      throw e;
    }
  }
  return { take: peek ? first + 1 : first, first, after };
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  /** A getter, so the count query runs only when a client asks for totalCount. */
  readonly totalCount: Promise<number>;
}

/** Builds a connection from rows fetched with `page.take`. */
export function toConnection<R, T>(
  rows: R[],
  page: Page,
  toNode: (row: R) => T,
  cursorOf: (row: R) => string,
  count: () => Promise<number>,
): ConnectionShape<T> {
  const visible = rows.slice(0, page.first);
  const edges = visible.map((row) => ({ node: toNode(row), cursor: cursorOf(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return count();
    },
  };
}

/** `XConnection` and `XEdge` types for node type `X`. */
// Abstract classes allowed: a connection of an interface type (search hits) is one too.
export function connectionOf<T extends object>(nodeType: abstract new (...args: never[]) => T, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${what}.` })
    node: T;

    @Field(() => String, { description: 'Opaque position of this item: pass it as `after`.' })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what}s (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: `The ${what}s of this page, in order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Paging state.' })
    pageInfo: PageInfo;

    // A resolver of its own (simple: false): the value is a promise (ConnectionShape), which
    // graphql-jit awaits only from a resolver, never from a plain property.
    @Field(() => Int, { simple: false, description: `Number of ${what}s in the whole list, all pages together.` })
    totalCount: number;
  }
  return Connection;
}
