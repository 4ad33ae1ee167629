import { ArgsType, Field, InputType } from 'type-graphql';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { JSONResolver } from 'graphql-scalars';
import { Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { OptionalText, Text } from '../editorial/rules.js';

/** Longest dispatch: a long feature is ~30,000 characters; 200,000 catches a pasted file by mistake. */
const DISPATCH_MAX = 200_000;

@InputType('ImportDispatchInput', { description: 'A wire dispatch to import as a draft article: raw text or an IPTC ninjs 3.1 item (exactly one).' })
export class ImportDispatchInput {
  @Field(() => String, {
    nullable: true,
    description: `The dispatch as received: optional \`date YYYY[-MM[-DD]]\` line, lede (with its dateline), paragraphs and \`-- intertitles --\`. 1 to ${DISPATCH_MAX} characters.`,
  })
  @IsOptional()
  @Text(DISPATCH_MAX)
  text?: string | null;

  @Field(() => JSONResolver, {
    nullable: true,
    description:
      'An IPTC ninjs 3.1 item, checked against the official schema: headlines, descriptions (lede), bodies (text/plain, else HTML), language, located, subjects/people/organisations/places/events. Idempotent by `uri` and `version`. See docs/news-formats.md.',
  })
  ninjs?: unknown;

  @Field(() => Locale, {
    nullable: true,
    description:
      "Language the dispatch is written in: the article's source language. Required with `text`; with `ninjs`, the item's `language` says it (give it only for an item without one).",
  })
  @IsOptional()
  @IsEnum(Locale, { context: { values: Object.values(Locale).join(', ') } })
  locale?: LocaleCode | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Compute and return the result without writing anything.' })
  dryRun: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Create an entity (type OTHER) for every candidate name and mention it.' })
  createEntities: boolean;

  @Field(() => String, {
    nullable: true,
    description: `Agency that filed the dispatch, when its dateline does not say (at most ${TEXT_LIMITS.AGENCY_MAX} characters).`,
  })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.AGENCY_MAX)
  agency?: string | null;
}

@ArgsType()
export class ImportDispatchArgs {
  @Field(() => ImportDispatchInput, { description: 'The dispatch and how to import it.' })
  @ValidateNested()
  input: ImportDispatchInput;
}
