import { Authorized, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { ArticleVersionArgs, CreateArticleArgs, RestoreRevisionArgs, UpdateArticleArgs, UpsertTranslationArgs } from './article-write.input.js';
import { Article } from './article.type.js';
import { createArticle, setStatus, updateArticle, upsertTranslation } from './article-write.service.js';
import { restoreRevision } from './article-revision.service.js';

@Resolver(() => Article)
export class ArticleWriteResolver {
  @Authorized()
  @Mutation(() => Article, {
    description:
      'Creates a DRAFT article from its source-language text (editors). The slug is made from the title, accents folded, unique (-2, -3… when taken). Version 1.',
  })
  createArticle(@Ctx() ctx: Context, @Args(() => CreateArticleArgs) args: CreateArticleArgs): Promise<Article> {
    return createArticle(ctx, args);
  }

  @Authorized()
  @Mutation(() => Article, {
    description:
      'Changes an article (editors). A new title, lede or body replaces the source-language text: the old text is kept as a revision and translations become OUTDATED.',
  })
  updateArticle(@Ctx() ctx: Context, @Args(() => UpdateArticleArgs) args: UpdateArticleArgs): Promise<Article> {
    return updateArticle(ctx, args);
  }

  @Authorized()
  @Mutation(() => Article, {
    description:
      'Adds or replaces the text in a language other than the source (editors), as a translation of the current source version. Replaced text is kept as a revision.',
  })
  upsertArticleTranslation(@Ctx() ctx: Context, @Args(() => UpsertTranslationArgs) args: UpsertTranslationArgs): Promise<Article> {
    return upsertTranslation(ctx, args);
  }

  @Authorized()
  @Mutation(() => Article, {
    description: 'Puts an earlier text back (editors). The text it replaces becomes a revision too; restoring the source makes translations OUTDATED.',
  })
  restoreArticleRevision(@Ctx() ctx: Context, @Args(() => RestoreRevisionArgs) args: RestoreRevisionArgs): Promise<Article> {
    return restoreRevision(ctx, args);
  }

  @Authorized()
  @Mutation(() => Article, {
    description:
      'Makes the article public now (editors). Stamps `publishedAt` now (precision TIME) if it has no date or its date was the release instant of a schedule, which it ends.',
  })
  publishArticle(@Ctx() ctx: Context, @Args(() => ArticleVersionArgs) args: ArticleVersionArgs): Promise<Article> {
    return setStatus(ctx, args, 'PUBLISHED');
  }

  @Authorized()
  @Mutation(() => Article, { description: 'Takes the article back to draft: readers no longer see it (editors). Cancels a scheduled release.' })
  unpublishArticle(@Ctx() ctx: Context, @Args(() => ArticleVersionArgs) args: ArticleVersionArgs): Promise<Article> {
    return setStatus(ctx, args, 'DRAFT');
  }

  @Authorized()
  @Mutation(() => Article, { description: 'Archives the article: hidden from readers, kept for editors. Published content is never deleted. Ends a schedule.' })
  archiveArticle(@Ctx() ctx: Context, @Args(() => ArticleVersionArgs) args: ArticleVersionArgs): Promise<Article> {
    return setStatus(ctx, args, 'ARCHIVED');
  }
}
