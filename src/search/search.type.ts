import { Field, Float, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { Locale } from '../common/enums.js';
import { connectionOf } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import { Article } from '../articles/article.type.js';
import { Quote } from '../quotes/quote.type.js';
import { Entity } from '../entities/entity.type.js';

export enum SearchHitKind {
  ARTICLE = 'ARTICLE',
  QUOTE = 'QUOTE',
  ENTITY = 'ENTITY',
}
registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit is.',
  valuesConfig: {
    ARTICLE: { description: 'An article whose text matched, or that names an entity the query names.' },
    QUOTE: { description: 'A quote whose words matched.' },
    ENTITY: { description: 'An entity whose name or alias, in either language, resembles the query.' },
  },
});

/**
 * The object type of a hit. build-schema.ts sets it on the schema as is: type-graphql wraps a
 * `resolveType` in an async function, which graphql-jit cannot await (compiled-execution.ts).
 */
export const searchHitType = (hit: { kind: SearchHitKind }) => ({ ARTICLE: 'ArticleHit', QUOTE: 'QuoteHit', ENTITY: 'EntityHit' })[hit.kind];

@InterfaceType('SearchHit', { description: 'One result of `search`, most relevant first.', resolveType: searchHitType })
export abstract class SearchHit {
  @Field(() => SearchHitKind, { description: 'What the hit is.' })
  kind: SearchHitKind;

  @Field(() => Float, { description: 'Relevance, higher first; comparable within one search only.' })
  rank: number;

  @Field(() => Locale, { description: 'Language of the text (or name) that matched: it can differ from the language served.' })
  matchedLocale: LocaleCode;

  @Field(() => String, {
    description:
      'Extract of the hit, HTML-escaped, with matched words in <mark>…</mark>: cut from the text in the served language when the query matches it, else from the text that matched (a French word found in the French text of an article served in English): `snippetLocale` says which. An article found only through an entity it names (the query names the entity, its text in neither language has the words) has a snippet in the served language without marks.',
  })
  snippet: string;

  @Field(() => Locale, { description: 'Language of `snippet`: the served language, or the one that matched when only that text has the words.' })
  snippetLocale: LocaleCode;
}

@ObjectType('ArticleHit', { simpleResolvers: true, implements: SearchHit, description: 'An article found by `search`.' })
export class ArticleHit extends SearchHit {
  @Field(() => Article, { description: 'The article, in the requested language when it has it.' })
  article: Article;
}

@ObjectType('QuoteHit', { simpleResolvers: true, implements: SearchHit, description: 'A quote found by `search`.' })
export class QuoteHit extends SearchHit {
  @Field(() => Quote, { description: 'The quote, in the requested language when it has it.' })
  quote: Quote;
}

@ObjectType('EntityHit', { simpleResolvers: true, implements: SearchHit, description: 'An entity found by `search`.' })
export class EntityHit extends SearchHit {
  @Field(() => Entity, { description: 'The entity, named in the requested language when it has it.' })
  entity: Entity;
}

export const SearchConnection = connectionOf(SearchHit, 'Search', 'search hit');
