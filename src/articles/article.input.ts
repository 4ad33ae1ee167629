import { Field, ID, InputType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ArticleStatus, Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';

@InputType('ArticleFilter', { description: 'Narrows a list of articles; all given conditions must hold.' })
export class ArticleFilter {
  @Field(() => ID, { nullable: true, description: 'Only articles mentioning this entity.' })
  mentions?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only articles quoting this entity.' })
  speaker?: string | null;

  @Field(() => Locale, { nullable: true, description: 'Only articles that have text in this language (no fallback needed).' })
  availableIn?: LocaleCode | null;

  @Field(() => Locale, { nullable: true, description: 'Only articles written in this language.' })
  sourceLocale?: LocaleCode | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only articles published at or after this instant.' })
  publishedAfter?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only articles published before this instant.' })
  publishedBefore?: Date | null;

  @Field(() => [ArticleStatus], { nullable: true, description: 'Only articles in these statuses (editors; readers only ever see PUBLISHED).' })
  status?: (keyof typeof ArticleStatus)[] | null;
}
