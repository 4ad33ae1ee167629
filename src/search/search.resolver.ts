import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { searchQuoteWants, searchSnippets, searchWants } from '../articles/page-lookahead.js';
import { Locale } from '../common/enums.js';
import { PageArgs } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import { SEARCH } from '../server/limits.js';
import { SearchFilter } from './search.input.js';
import { SearchConnection } from './search.type.js';
import { search } from './search.service.js';
import { searchCost } from '../server/query-cost.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    complexity: searchCost,
    description: `Full-text search of published articles and quotes in both languages (stemmed, accent-insensitive; "quoted phrases", OR and -exclusions), and of entity names and aliases (typo-tolerant). Hits come in the requested language, most relevant first, newer first on ties. A repeated word counts once; at most ${SEARCH.TERMS_MAX} distinct words. The newest ${SEARCH.RANKED_ROWS_MAX} matches of each source (article texts, articles naming a matching entity, quotes) are ranked, and totalCount counts the hits among them.`,
  })
  search(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('query', () => String, { description: `What to look for, 1 to ${SEARCH.QUERY_MAX_LENGTH} characters, in French or English.` }) query: string,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve the hits in; default from Accept-Language.' }) locale?: LocaleCode | null,
    @Arg('filter', () => SearchFilter, { nullable: true, description: 'Conditions on the hits.' }) filter?: SearchFilter | null,
  ) {
    return search(ctx, query, locale ?? ctx.locale, page, filter, {
      articles: searchWants(info),
      quotes: searchQuoteWants(info),
      snippets: searchSnippets(info),
    });
  }
}
