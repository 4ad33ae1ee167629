import { ArgsType, Field, ID, Int } from 'type-graphql';
import { Min } from 'class-validator';
import { Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { Version } from '../editorial/rules.js';

@ArgsType()
export class UnlinkMentionArgs {
  @Field(() => ID, { description: 'Global id of the article (drafts too).' })
  article: string;

  @Field(() => Int, { description: 'The article `version` you last read: a stale one is a CONFLICT and changes nothing. The change bumps it.' })
  @Version()
  expectedVersion: number;

  @Field(() => ID, { description: "Global id of the entity (a merged duplicate's id names the entity kept)." })
  entity: string;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
export class LinkMentionArgs extends UnlinkMentionArgs {
  @Field(() => Int, { defaultValue: 1, description: 'How many times the article names the entity (at least 1); replaces the count of an existing mention.' })
  @Min(1, { context: { min: 1 } })
  count: number;
}
