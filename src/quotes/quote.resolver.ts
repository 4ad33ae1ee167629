import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { articleWants, asksNextPage, quotePageWants, quoteWants } from '../articles/page-lookahead.js';
import { Locale } from '../common/enums.js';
import { PageArgs } from '../common/connection.js';
import { databaseId } from '../common/node.js';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import { Article } from '../articles/article.type.js';
import { toArticle } from '../articles/article.view.js';
import { Entity } from '../entities/entity.type.js';
import { toEntity } from '../entities/entity.view.js';
import { QuoteFilter } from './quote.input.js';
import { Quote, QuoteConnection, QuoteTranslation } from './quote.type.js';
import { findQuote, listQuotes } from './quote.service.js';
import { listCost, pageCost } from '../server/query-cost.js';
import { COST_ESTIMATES } from '../server/limits.js';

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => Quote, { nullable: true, description: 'One quote of a published article, by global id; null when there is none.' })
  quote(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { description: 'Global id.' }) id: string,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from Accept-Language.' }) locale?: LocaleCode | null,
  ): Promise<Quote | null> {
    const ref = databaseId(id, 'Quote');
    return ref ? findQuote(ctx, locale ?? ctx.locale, ref.id, quoteWants(info)) : Promise.resolve(null);
  }

  @Query(() => QuoteConnection, { complexity: pageCost, description: 'Quotes of published articles, newest first.' })
  quotes(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from Accept-Language.' }) locale?: LocaleCode | null,
    @Arg('filter', () => QuoteFilter, { nullable: true, description: 'Conditions on the quotes.' }) filter?: QuoteFilter | null,
  ) {
    return listQuotes(ctx, locale ?? ctx.locale, page, filter, quotePageWants(info), asksNextPage(info));
  }

  @FieldResolver(() => Entity, { nullable: true, description: 'Who said it, when the article names them.' })
  async speaker(@Root() quote: Quote, @Ctx() ctx: Context): Promise<Entity | null> {
    if (quote.row.speakerId == null) return null;
    // Loaded with the quote (never a merged one, see servedEntity); else the loader, which follows merges.
    const row = quote.row.speaker ?? (await ctx.loaders.entity.load(quote.row.speakerId));
    return row && toEntity(row, quote.requested, ctx.localizer);
  }

  @FieldResolver(() => Article, { description: 'The article carrying the quote.' })
  async article(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Article> {
    const row = await ctx.loaders.servedArticle.load({ id: quote.row.articleId, locale: quote.requested, wants: articleWants(info) });
    // Quotes are only served from published articles, so the article is there unless unpublished mid-request.
    if (!row) throw ctx.errors(quote.requested).of('NOT_FOUND');
    return toArticle(row, quote.requested, ctx.localizer);
  }

  @FieldResolver(() => [QuoteTranslation], {
    complexity: listCost(COST_ESTIMATES.TRANSLATIONS),
    description: 'Every language version as stored, original first.',
  })
  async translations(@Root() quote: Quote, @Ctx() ctx: Context): Promise<QuoteTranslation[]> {
    // A localized row holds only the version served (and its original).
    const row = quote.row.localized ? await ctx.loaders.quote.load(quote.row.id) : quote.row;
    const original = quote.row.originalLocale;
    return [...(row?.translations ?? [])].sort((a, b) => Number(b.locale === original) - Number(a.locale === original));
  }
}
