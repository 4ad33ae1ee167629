import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { asksNextPage, pageWants, quotePageWants } from '../articles/page-lookahead.js';
import { Locale } from '../common/enums.js';
import { PageArgs } from '../common/connection.js';
import { databaseId } from '../common/node.js';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import { ArticleConnection } from '../articles/article.type.js';
import { articlesOfEntity } from '../articles/article.service.js';
import { QuoteConnection } from '../quotes/quote.type.js';
import { quotesOfEntity } from '../quotes/quote.service.js';
import { EntityFilter } from './entity.input.js';
import { Entity, EntityConnection, EntityTranslation } from './entity.type.js';
import { findEntity, listEntities } from './entity.service.js';
import { listCost, pageCost } from '../server/query-cost.js';
import { COST_ESTIMATES } from '../server/limits.js';

@Resolver(() => Entity)
export class EntityResolver {
  @Query(() => Entity, { nullable: true, description: 'One entity by global id; null when there is none.' })
  entity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Global id.' }) id: string,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from Accept-Language.' }) locale?: LocaleCode | null,
  ): Promise<Entity | null> {
    const ref = databaseId(id, 'Entity');
    return ref ? findEntity(ctx, locale ?? ctx.locale, ref.id) : Promise.resolve(null);
  }

  @Query(() => EntityConnection, {
    complexity: pageCost,
    description: 'Named entities, in the order they were added; best match first when looked up by `filter.name`.',
  })
  entities(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from Accept-Language.' }) locale?: LocaleCode | null,
    @Arg('filter', () => EntityFilter, { nullable: true, description: 'Conditions on the entities.' }) filter?: EntityFilter | null,
  ) {
    return listEntities(ctx, locale ?? ctx.locale, page, filter);
  }

  @FieldResolver(() => String, { description: 'The entity type as a label in the requested language ("Personne" / "Person").' })
  typeLabel(@Root() entity: Entity, @Ctx() ctx: Context): string {
    return ctx.translator.t(entity.requested, `labels:entityType.${entity.type}`);
  }

  @FieldResolver(() => ArticleConnection, { complexity: pageCost, description: 'Published articles mentioning this entity, newest first.' })
  articles(@Root() entity: Entity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Args(() => PageArgs) page: PageArgs) {
    return articlesOfEntity(ctx, entity.row.id, entity.requested, page, pageWants(info), asksNextPage(info));
  }

  @FieldResolver(() => QuoteConnection, { complexity: pageCost, description: 'What this entity said: its quotes in published articles, newest first.' })
  quotes(@Root() entity: Entity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Args(() => PageArgs) page: PageArgs) {
    return quotesOfEntity(ctx, entity.row.id, entity.requested, page, quotePageWants(info), asksNextPage(info));
  }

  @FieldResolver(() => [EntityTranslation], { complexity: listCost(COST_ESTIMATES.TRANSLATIONS), description: 'Every language version as stored.' })
  async translations(@Root() entity: Entity, @Ctx() ctx: Context): Promise<EntityTranslation[]> {
    // A localized row holds only the version served.
    const row = entity.row.localized ? await ctx.loaders.entity.load(entity.row.id) : entity.row;
    return row?.translations ?? [];
  }
}
