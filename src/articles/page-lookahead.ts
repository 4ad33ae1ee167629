import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { PageWants } from './article-page.sql.js';
import type { QuoteWants } from '../quotes/quote.sql.js';

// What a query selects on the articles (or quotes) a root lists (through aliases and fragments): the
// statement then brings exactly that, relations included, in its own round trip.

const fieldsOf = (trees: ResolveTree[], type: string): ResolveTree[] => trees.flatMap((t) => Object.values(t.fieldsByTypeName[type] ?? {}));
const named = (trees: ResolveTree[], name: string) => trees.filter((f) => f.name === name);
// A root asks several questions of its selection (what its items need, whether to peek at the next page).
const parsed = new WeakMap<GraphQLResolveInfo, ResolveTree[]>();
const rootOf = (info: GraphQLResolveInfo): ResolveTree[] => {
  let trees = parsed.get(info);
  if (!trees) {
    const tree = parseResolveInfo(info) as ResolveTree | null;
    trees = tree ? [tree] : [];
    parsed.set(info, trees);
  }
  return trees;
};
const nodesOf = (trees: ResolveTree[], connection: string) =>
  named(fieldsOf(named(fieldsOf(trees, `${connection}Connection`), 'edges'), `${connection}Edge`), 'node');

const DETAILS = new Set(['description', 'aliases', 'wikidataId', 'version']);
/** Whether any of these entities' selections asks for what a brief entity leaves out (servedEntity). */
const wantsDetails = (entities: ResolveTree[]) => fieldsOf(entities, 'Entity').some((f) => DETAILS.has(f.name));

function quoteWantsOf(quotes: ResolveTree[]): QuoteWants {
  const fields = fieldsOf(quotes, 'Quote');
  return {
    originals: fields.some((f) => f.name === 'originalText'),
    speaker: fields.some((f) => f.name === 'speaker'),
    speakerBrief: !wantsDetails(named(fields, 'speaker')),
    article: fields.some((f) => f.name === 'article'),
    version: fields.some((f) => f.name === 'version'),
    attribution: fields.some((f) => f.name === 'attribution'),
  };
}

function wantsOf(articles: ResolveTree[]): PageWants {
  const fields = fieldsOf(articles, 'Article');
  const has = (name: string) => fields.some((f) => f.name === name);
  const entities = [...named(fieldsOf(named(fields, 'mentions'), 'Mention'), 'entity'), ...named(fields, 'dateline')];
  return {
    quotes: has('quotes') ? quoteWantsOf(named(fields, 'quotes')) : null,
    mentions: has('mentions'),
    bodies: has('body') || has('translations'),
    allTexts: has('translations') || has('translationState'),
    dateline: has('dateline'),
    entitiesBrief: !wantsDetails(entities),
  };
}

/**
 * Whether a connection's selection asks for `pageInfo { hasNextPage }`: only then does its statement
 * fetch one row past the page (see readPage).
 */
export const asksNextPage = (info: GraphQLResolveInfo): boolean =>
  named(
    rootOf(info).flatMap((t) => Object.values(t.fieldsByTypeName).flatMap((fields) => Object.values(fields))),
    'pageInfo',
  ).some((pageInfo) => fieldsOf([pageInfo], 'PageInfo').some((f) => f.name === 'hasNextPage'));

/** On the articles of an `ArticleConnection` (the feed, an entity's articles). */
export const pageWants = (info: GraphQLResolveInfo): PageWants => wantsOf(nodesOf(rootOf(info), 'Article'));

/** On one article (`article`, or `node` through `... on Article`). */
export const articleWants = (info: GraphQLResolveInfo): PageWants => wantsOf(rootOf(info));

const HIT_TYPES = ['SearchHit', 'ArticleHit', 'QuoteHit', 'EntityHit'];

/** Whether the search hits select their snippet (ts_headline is the costliest part of a page of hits). */
export const searchSnippets = (info: GraphQLResolveInfo): boolean =>
  HIT_TYPES.some((type) => fieldsOf(nodesOf(rootOf(info), 'Search'), type).some((f) => f.name === 'snippet' || f.name === 'snippetLocale'));

/** On the articles of search hits. */
export const searchWants = (info: GraphQLResolveInfo): PageWants => wantsOf(named(fieldsOf(nodesOf(rootOf(info), 'Search'), 'ArticleHit'), 'article'));

/** On the quotes of a `QuoteConnection` (`quotes`, an entity's quotes). */
export const quotePageWants = (info: GraphQLResolveInfo): QuoteWants => quoteWantsOf(nodesOf(rootOf(info), 'Quote'));

/** On one quote (`quote`, or `node` through `... on Quote`). */
export const quoteWants = (info: GraphQLResolveInfo): QuoteWants => quoteWantsOf(rootOf(info));

/** On the quotes of search hits. */
export const searchQuoteWants = (info: GraphQLResolveInfo): QuoteWants => quoteWantsOf(named(fieldsOf(nodesOf(rootOf(info), 'Search'), 'QuoteHit'), 'quote'));
