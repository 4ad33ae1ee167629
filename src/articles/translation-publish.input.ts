import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsEnum } from 'class-validator';
import { Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { Version } from '../editorial/rules.js';

/** One language version of an article, and the article version the editor last read. */
@ArgsType()
export class TranslationStatusArgs {
  @Field(() => ID, { description: 'Global id of the article.' })
  id: string;

  @Field(() => Locale, { description: 'Language of the translation (not the source language); the answer is served in it.' })
  @IsEnum(Locale, { context: { values: Object.values(Locale).join(', ') } })
  locale: LocaleCode;

  @Field(() => Int, {
    description:
      "The article's `version` you last read (as for upsertArticleTranslation, not the translation's): a stale one is a CONFLICT and changes nothing. Every status change bumps it.",
  })
  @Version()
  expectedVersion: number;
}
