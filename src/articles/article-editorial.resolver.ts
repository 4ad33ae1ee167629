import { Authorized, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { ArticleRevisionsArgs, TranslationQueueArgs } from './article-write.input.js';
import { ArticleRevisionConnection } from './article-revision.type.js';
import { TranslationQueueConnection } from './article-queue.type.js';
import { listRevisions } from './article-revision.service.js';
import { translationQueue } from './article-queue.service.js';
import { pageCost } from '../server/query-cost.js';

/** Reads only editors need: the history of a text and the work waiting for translators. */
@Resolver()
export class ArticleEditorialResolver {
  @Authorized()
  @Query(() => ArticleRevisionConnection, {
    complexity: pageCost,
    description: "Earlier texts of an article in one language, newest first (editors). Pass one's id to `restoreArticleRevision`.",
  })
  articleRevisions(@Ctx() ctx: Context, @Args(() => ArticleRevisionsArgs) args: ArticleRevisionsArgs) {
    return listRevisions(ctx, args);
  }

  @Authorized()
  @Query(() => TranslationQueueConnection, {
    complexity: pageCost,
    description:
      'Articles whose text in `locale` is MISSING, OUTDATED or IN_REVIEW, the oldest source change first (editors): what translators must translate or revise and reviewers review. Each edge says why (`reason`).',
  })
  translationQueue(@Ctx() ctx: Context, @Args(() => TranslationQueueArgs) args: TranslationQueueArgs) {
    return translationQueue(ctx, args);
  }
}
