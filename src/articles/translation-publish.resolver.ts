import { Authorized, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { Article } from './article.type.js';
import { TranslationStatusArgs } from './translation-publish.input.js';
import { changeTranslationStatus } from './translation-publish.service.js';

/** Publishing per language: each translation is reviewed and published on its own. */
@Resolver(() => Article)
export class TranslationPublishResolver {
  @Authorized()
  @Mutation(() => Article, {
    description:
      'Submits a DRAFT translation for review: IN_REVIEW (editors). Readers still do not see it. The source language follows the article: BAD_USER_INPUT.',
  })
  submitArticleTranslation(@Ctx() ctx: Context, @Args(() => TranslationStatusArgs) args: TranslationStatusArgs): Promise<Article> {
    return changeTranslationStatus(ctx, args, 'submit');
  }

  @Authorized()
  @Mutation(() => Article, {
    description:
      'Publishes a translation (editors): readers see it whenever the article is published. A MACHINE translation must be IN_REVIEW first (publishing it is its review, recorded in `reviewedBy` and `reviewedAt`), unless the server runs with MACHINE_TRANSLATIONS=publish.',
  })
  publishArticleTranslation(@Ctx() ctx: Context, @Args(() => TranslationStatusArgs) args: TranslationStatusArgs): Promise<Article> {
    return changeTranslationStatus(ctx, args, 'publish');
  }

  @Authorized()
  @Mutation(() => Article, {
    description:
      "Takes a PUBLISHED translation back to DRAFT (editors): readers get another language, with `isFallback`; one IN_REVIEW is withdrawn from review. The source language's version cannot be unpublished on its own: unpublishArticle.",
  })
  unpublishArticleTranslation(@Ctx() ctx: Context, @Args(() => TranslationStatusArgs) args: TranslationStatusArgs): Promise<Article> {
    return changeTranslationStatus(ctx, args, 'unpublish');
  }
}
