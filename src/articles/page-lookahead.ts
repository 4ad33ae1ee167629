import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { PageWants } from './article-page.sql.js';

const fieldsOf = (tree: ResolveTree | undefined, type: string): ResolveTree[] => Object.values(tree?.fieldsByTypeName[type] ?? {});

/**
 * Which relations a query selects on the articles of an `ArticleConnection` (through aliases and
 * fragments): the page query then brings them in its own round trip instead of one each.
 */
export function pageWants(info: GraphQLResolveInfo): PageWants {
  const connection = parseResolveInfo(info) as ResolveTree | null;
  const edges = fieldsOf(connection ?? undefined, 'ArticleConnection').filter((f) => f.name === 'edges');
  const nodes = edges.flatMap((e) => fieldsOf(e, 'ArticleEdge')).filter((f) => f.name === 'node');
  return wantsOf(new Set(nodes.flatMap((n) => fieldsOf(n, 'Article')).map((f) => f.name)));
}

/** The same for a single article (`article(slug:)`), bodies included when selected. */
export function articleWants(info: GraphQLResolveInfo): PageWants {
  const article = parseResolveInfo(info) as ResolveTree | null;
  return wantsOf(new Set(fieldsOf(article ?? undefined, 'Article').map((f) => f.name)));
}

const wantsOf = (selected: Set<string>): PageWants => ({
  quotes: selected.has('quotes'),
  mentions: selected.has('mentions'),
  bodies: selected.has('body') || selected.has('translations'),
});
