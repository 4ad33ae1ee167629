import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireEditor } from '../auth/guard.js';
import type { Context } from '../server/context.js';
import { ArticleVersionArgs } from './article-write.input.js';
import { Article } from './article.type.js';
import { setStatus } from './article-write.service.js';

@Resolver(() => Article)
export class ArticleWriteResolver {
  @Mutation(() => Article, { description: 'Makes the article public (editors). Stamps `publishedAt` now if it has no date.' })
  publishArticle(@Ctx() ctx: Context, @Args(() => ArticleVersionArgs) args: ArticleVersionArgs): Promise<Article> {
    requireEditor(ctx, args.locale);
    return setStatus(ctx, args, 'PUBLISHED');
  }

  @Mutation(() => Article, { description: 'Takes the article back to draft: readers no longer see it (editors).' })
  unpublishArticle(@Ctx() ctx: Context, @Args(() => ArticleVersionArgs) args: ArticleVersionArgs): Promise<Article> {
    requireEditor(ctx, args.locale);
    return setStatus(ctx, args, 'DRAFT');
  }

  @Mutation(() => Article, { description: 'Archives the article: hidden from readers, kept for editors. Published content is never deleted.' })
  archiveArticle(@Ctx() ctx: Context, @Args(() => ArticleVersionArgs) args: ArticleVersionArgs): Promise<Article> {
    requireEditor(ctx, args.locale);
    return setStatus(ctx, args, 'ARCHIVED');
  }
}
