import { Authorized, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { Article } from '../articles/article.type.js';
import { LinkMentionArgs, UnlinkMentionArgs } from './mention-write.input.js';
import { linkMention, unlinkMention } from './mention-write.service.js';

@Resolver(() => Article)
export class MentionWriteResolver {
  @Authorized()
  @Mutation(() => Article, {
    description: "Records that an article names an entity, and how often (editors); sets the count if already mentioned. Bumps the article's version.",
  })
  linkMention(@Ctx() ctx: Context, @Args(() => LinkMentionArgs) args: LinkMentionArgs): Promise<Article> {
    return linkMention(ctx, args);
  }

  @Authorized()
  @Mutation(() => Article, { description: "Removes an entity from the ones an article names (editors). Bumps the article's version." })
  unlinkMention(@Ctx() ctx: Context, @Args(() => UnlinkMentionArgs) args: UnlinkMentionArgs): Promise<Article> {
    return unlinkMention(ctx, args);
  }
}
