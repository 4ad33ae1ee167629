import { Field, ID, InputType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ArticleStatus, Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { SearchHitKind } from './search.type.js';

@InputType('SearchFilter', {
  description: 'Narrows a search. Conditions on articles apply to article and quote hits; entity hits are left out when any is given.',
})
export class SearchFilter {
  @Field(() => [SearchHitKind], { nullable: true, description: 'Kinds of hits wanted; default all.' })
  kinds?: SearchHitKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only articles (and their quotes) mentioning this entity.' })
  mentions?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only quotes said by this entity, and articles quoting it.' })
  speaker?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only articles published at or after this instant.' })
  publishedAfter?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only articles published before this instant.' })
  publishedBefore?: Date | null;

  @Field(() => Locale, { nullable: true, description: 'Only articles that have text in this language.' })
  availableIn?: LocaleCode | null;

  @Field(() => [ArticleStatus], {
    nullable: true,
    description: 'Only articles (and their quotes) in these statuses (editors; readers only ever see PUBLISHED).',
  })
  status?: (keyof typeof ArticleStatus)[] | null;
}
