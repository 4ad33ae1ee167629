import { Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../server/context.js';
import { ScheduleArticleArgs } from './article-schedule.input.js';
import { scheduleArticle } from './article-schedule.service.js';
import { Article } from './article.type.js';

/** Embargo and scheduled release: the mutation, and the schedule as editors see it. */
@Resolver(() => Article)
export class ArticleScheduleResolver {
  @Authorized()
  @Mutation(() => Article, {
    description:
      'Schedules the release of a draft, archived or still-scheduled article at `at` (editors): PUBLISHED with `embargoedUntil`, invisible to readers on every path until that instant, visible at it. An undated article gets `at` as its date (precision TIME). `publishArticle` releases it now; `unpublishArticle` cancels the schedule. An article readers already see is refused: unpublish it first.',
  })
  scheduleArticle(@Ctx() ctx: Context, @Args(() => ScheduleArticleArgs) args: ScheduleArticleArgs): Promise<Article> {
    return scheduleArticle(ctx, args);
  }

  @FieldResolver(() => DateTimeResolver, {
    nullable: true,
    description:
      'Embargo (the ninjs name): the instant the article is released to readers, set by `scheduleArticle`. Editors only: always null for readers, who see an article only once it is released.',
  })
  embargoedUntil(@Root() article: Article, @Ctx() ctx: Context): Date | null {
    return ctx.visibility.readers ? null : (article.row.embargoedUntil ?? null);
  }
}
