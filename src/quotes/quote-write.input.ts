import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsEnum, IsIn, IsOptional, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Locale, TranslationOrigin } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { OptionalText, Text, Version } from '../editorial/rules.js';

// Inputs travel inside args classes so that a failing rule is reported with its full path
// (`input.text`): the validation hook only sees the object it validates.

/** Given (not omitted): the rules of an optional field apply only then. */
const Given = () => ValidateIf((_o, v) => v !== undefined);

/** Translations are made by people or machines; ORIGINAL belongs to the quote's own language. */
const TRANSLATED_ORIGINS = [TranslationOrigin.HUMAN, TranslationOrigin.MACHINE] as const;

const QUOTE_TEXT = `not blank, at most ${TEXT_LIMITS.QUOTE_MAX} characters`;
const ATTRIBUTION = `at most ${TEXT_LIMITS.ATTRIBUTION_MAX} characters`;

@InputType('AddQuoteInput', { description: 'A quote, in the language it was said or written in.' })
export class AddQuoteInput {
  @Field(() => Locale, { description: "Language of `text`: the quote's original language for good." })
  @IsEnum(Locale, { context: { values: Object.values(Locale).join(', ') } })
  locale: LocaleCode;

  @Field(() => String, { description: `The quoted words (${QUOTE_TEXT}).` })
  @Text(TEXT_LIMITS.QUOTE_MAX)
  text: string;

  @Field(() => String, { nullable: true, description: `To whom the article attributes the words, as written (${ATTRIBUTION}).` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.ATTRIBUTION_MAX)
  attribution?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the entity who said it, when known.' })
  speaker?: string | null;

  @Field(() => Int, { nullable: true, description: "Place among the article's quotes, from 0; later quotes move down. Default: last." })
  @IsOptional()
  @Min(0, { context: { min: 0 } })
  position?: number | null;
}

@InputType('UpdateQuoteInput', {
  description:
    'Changes to a quote: omitted fields stay as they are. Text and attribution change the original-language text (the old one is kept as a revision).',
})
export class UpdateQuoteInput {
  @Field(() => String, { nullable: true, description: `New text in the original language (${QUOTE_TEXT}).` })
  @Given()
  @Text(TEXT_LIMITS.QUOTE_MAX)
  text?: string | null;

  @Field(() => String, { nullable: true, description: `New attribution in the original language (${ATTRIBUTION}); null or empty removes it.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.ATTRIBUTION_MAX)
  attribution?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the new speaker entity.' })
  speaker?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True removes the speaker (not together with `speaker`).' })
  clearSpeaker?: boolean | null;
}

@InputType('QuoteTranslationInput', { description: 'A quote in a language other than its original one.' })
export class QuoteTranslationInput {
  @Field(() => String, { description: `The translated words (${QUOTE_TEXT}).` })
  @Text(TEXT_LIMITS.QUOTE_MAX)
  text: string;

  @Field(() => String, { nullable: true, description: `The attribution in this language (${ATTRIBUTION}).` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.ATTRIBUTION_MAX)
  attribution?: string | null;

  @Field(() => TranslationOrigin, { description: 'HUMAN (an editor translated it) or MACHINE (not yet reviewed); ORIGINAL is not accepted.' })
  @IsIn(TRANSLATED_ORIGINS, { context: { values: TRANSLATED_ORIGINS.join(', ') } })
  origin: keyof typeof TranslationOrigin;
}

@ArgsType()
export class AddQuoteArgs {
  @Field(() => ID, { description: 'Global id of the article (drafts too).' })
  article: string;

  @Field(() => Int, { description: 'The article `version` you last read: a stale one is a CONFLICT and changes nothing. Adding a quote bumps it.' })
  @Version()
  expectedVersion: number;

  @Field(() => AddQuoteInput, { description: 'The quote.' })
  @ValidateNested()
  input: AddQuoteInput;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
class QuoteVersionArgs {
  @Field(() => ID, { description: 'Global id of the quote.' })
  id: string;

  @Field(() => Int, { description: 'The quote `version` you last read: a stale one is a CONFLICT and changes nothing.' })
  @Version()
  expectedVersion: number;
}

@ArgsType()
export class RemoveQuoteArgs extends QuoteVersionArgs {
  @Field(() => Locale, { nullable: true, description: 'Language of error messages; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
export class UpdateQuoteArgs extends QuoteVersionArgs {
  @Field(() => UpdateQuoteInput, { description: 'The changes; at least one field.' })
  @ValidateNested()
  input: UpdateQuoteInput;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
export class UpsertQuoteTranslationArgs extends QuoteVersionArgs {
  @Field(() => Locale, { description: "Language of the translation (not the quote's original language); the answer is served in it." })
  @IsEnum(Locale, { context: { values: Object.values(Locale).join(', ') } })
  locale: LocaleCode;

  @Field(() => QuoteTranslationInput, { description: 'The translated quote; replaces any text already in that language.' })
  @ValidateNested()
  input: QuoteTranslationInput;
}
