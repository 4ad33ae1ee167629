import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { articleWants, quoteWants } from '../articles/page-lookahead.js';
import { Node, databaseId } from '../common/node.js';
import type { Context } from '../server/context.js';
import { findArticle } from '../articles/article.service.js';
import { findEntity } from '../entities/entity.service.js';
import { findQuote } from '../quotes/quote.service.js';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by global id (Relay), served in the request language; null when there is none.' })
  async node(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Arg('id', () => ID, { description: 'Global id.' }) id: string): Promise<Node | null> {
    const ref = databaseId(id);
    if (!ref) return null;
    switch (ref.kind) {
      case 'Article':
        return findArticle(ctx, ctx.locale, { id: ref.id }, articleWants(info));
      case 'Entity':
        return findEntity(ctx, ctx.locale, ref.id);
      case 'Quote':
        return findQuote(ctx, ctx.locale, ref.id, quoteWants(info));
    }
  }
}
