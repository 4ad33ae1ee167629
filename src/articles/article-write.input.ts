import { ArgsType, Field, ID, Int } from 'type-graphql';
import { Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { Version } from '../editorial/rules.js';

@ArgsType()
export class ArticleVersionArgs {
  @Field(() => ID, { description: 'Global id of the article.' })
  id: string;

  @Field(() => Int, { description: 'The `version` you last read: a stale one is a CONFLICT and changes nothing.' })
  @Version()
  expectedVersion: number;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}
