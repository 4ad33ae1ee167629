import { ArgsType, Field } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { SCHEDULE_LIMITS } from '../editorial/limits.js';
import { ArticleVersionArgs } from './article-write.input.js';

@ArgsType()
export class ScheduleArticleArgs extends ArticleVersionArgs {
  @Field(() => DateTimeResolver, {
    description: `Release instant (with its time zone or Z): ahead of now, at most ${SCHEDULE_LIMITS.AHEAD_MAX_DAYS} days ahead. Readers see the article from then on.`,
  })
  at: Date;
}
