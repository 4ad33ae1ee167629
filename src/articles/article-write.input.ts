import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsEnum, IsIn, IsOptional, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { DatePrecision, Locale, ParagraphKind, TranslationOrigin } from '../common/enums.js';
import { PageArgs } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { NestedList, OptionalText, Text, Version } from '../editorial/rules.js';

// Enum fields are checked by GraphQL already; the class-validator rules repeat it so that an
// input built in code (imports, scripts) is held to the same rules as one from a request.

/** Given (not omitted): the rules of an optional field apply only then. */
const Given = () => ValidateIf((_o, v) => v !== undefined);

/** Explicit null on a field the article cannot be without: omit the field to keep it as it is. */
const NotNull = () => ValidateBy({ name: 'isNotNull', validator: { validate: (v: unknown) => v !== null } });

@InputType('ParagraphInput', { description: 'One paragraph of an article body.' })
export class ParagraphInput {
  @Field(() => ParagraphKind, { description: 'Running text or intertitle.' })
  @IsEnum(ParagraphKind, { context: { values: Object.values(ParagraphKind).join(', ') } })
  kind: ParagraphKind;

  @Field(() => String, { description: `Plain text (no markup), not blank, at most ${TEXT_LIMITS.PARAGRAPH_MAX} characters.` })
  @Text(TEXT_LIMITS.PARAGRAPH_MAX)
  text: string;
}

@InputType('MentionInput', { description: 'An entity the article names, and how often.' })
export class MentionInput {
  @Field(() => ID, { description: 'Global id of the entity.' })
  entity: string;

  @Field(() => Int, { defaultValue: 1, description: 'How many times the text names it (at least 1).' })
  @Min(1, { context: { min: 1 } })
  count: number;
}

@InputType('CreateArticleInput', { description: 'A new article, written in its source language.' })
export class CreateArticleInput {
  @Field(() => Locale, { description: "Language the text below is written in: the article's source language for good." })
  @IsEnum(Locale, { context: { values: Object.values(Locale).join(', ') } })
  sourceLocale: LocaleCode;

  @Field(() => String, { description: `Title, not blank, at most ${TEXT_LIMITS.TITLE_MAX} characters. The slug is made from it.` })
  @Text(TEXT_LIMITS.TITLE_MAX)
  title: string;

  @Field(() => String, { nullable: true, description: `Lede (opening paragraph), at most ${TEXT_LIMITS.LEDE_MAX} characters.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.LEDE_MAX)
  lede?: string | null;

  @Field(() => [ParagraphInput], { description: `Body paragraphs after the lede, in order; at most ${TEXT_LIMITS.PARAGRAPHS_MAX}.` })
  @NestedList(TEXT_LIMITS.PARAGRAPHS_MAX)
  body: ParagraphInput[];

  @Field(() => String, { nullable: true, description: `News agency that filed the dispatch (e.g. AFP), at most ${TEXT_LIMITS.AGENCY_MAX} characters.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.AGENCY_MAX)
  agency?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Publication date of the dispatch, if known.' })
  publishedAt?: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: 'How precise `publishedAt` is; DAY when omitted.' })
  @IsOptional()
  @IsEnum(DatePrecision, { context: { values: Object.values(DatePrecision).join(', ') } })
  datePrecision?: keyof typeof DatePrecision | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the place entity the dispatch was filed from.' })
  dateline?: string | null;

  @Field(() => [MentionInput], { nullable: true, description: `Entities the article names, each once; at most ${TEXT_LIMITS.MENTIONS_MAX}.` })
  @IsOptional()
  @NestedList(TEXT_LIMITS.MENTIONS_MAX)
  mentions?: MentionInput[] | null;
}

@InputType('UpdateArticleInput', {
  description:
    'Changes to an article: omitted fields stay as they are. Title, lede and body change the source-language text (the old text is kept as a revision, and translations become OUTDATED).',
})
export class UpdateArticleInput {
  @Field(() => String, { nullable: true, description: `New title, not blank, at most ${TEXT_LIMITS.TITLE_MAX} characters. The slug does not change.` })
  @Given()
  @Text(TEXT_LIMITS.TITLE_MAX)
  title?: string | null;

  @Field(() => String, { nullable: true, description: `New lede, at most ${TEXT_LIMITS.LEDE_MAX} characters; null or empty removes it.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.LEDE_MAX)
  lede?: string | null;

  @Field(() => [ParagraphInput], { nullable: true, description: `New body, replacing the whole body; at most ${TEXT_LIMITS.PARAGRAPHS_MAX} paragraphs.` })
  @Given()
  @NotNull()
  @NestedList(TEXT_LIMITS.PARAGRAPHS_MAX)
  body?: ParagraphInput[] | null;

  @Field(() => String, { nullable: true, description: `New agency, at most ${TEXT_LIMITS.AGENCY_MAX} characters; null or empty removes it.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.AGENCY_MAX)
  agency?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'New publication date; null removes it (not allowed while published).' })
  publishedAt?: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: 'New precision of `publishedAt`.' })
  @Given()
  @NotNull()
  @IsEnum(DatePrecision, { context: { values: Object.values(DatePrecision).join(', ') } })
  datePrecision?: keyof typeof DatePrecision | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the new dateline place; null removes it.' })
  dateline?: string | null;
}

/** Translations are made by people or machines; ORIGINAL belongs to the source language only. */
const TRANSLATED_ORIGINS = [TranslationOrigin.HUMAN, TranslationOrigin.MACHINE] as const;

@InputType('ArticleTranslationInput', { description: 'The whole text of an article in one language other than its source language.' })
export class ArticleTranslationInput {
  @Field(() => String, { description: `Title, not blank, at most ${TEXT_LIMITS.TITLE_MAX} characters.` })
  @Text(TEXT_LIMITS.TITLE_MAX)
  title: string;

  @Field(() => String, { nullable: true, description: `Lede, at most ${TEXT_LIMITS.LEDE_MAX} characters.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.LEDE_MAX)
  lede?: string | null;

  @Field(() => [ParagraphInput], { description: `Body paragraphs, in order; at most ${TEXT_LIMITS.PARAGRAPHS_MAX}.` })
  @NestedList(TEXT_LIMITS.PARAGRAPHS_MAX)
  body: ParagraphInput[];

  @Field(() => TranslationOrigin, { description: 'HUMAN (an editor translated it) or MACHINE (not yet reviewed); ORIGINAL is not accepted.' })
  @IsIn(TRANSLATED_ORIGINS, { context: { values: TRANSLATED_ORIGINS.join(', ') } })
  origin: keyof typeof TranslationOrigin;
}

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

// Inputs travel inside args classes so that a failing rule is reported with its full path
// (`input.body[1].text`), as the validation hook only sees the object it validates.

@ArgsType()
export class CreateArticleArgs {
  @Field(() => CreateArticleInput, { description: 'The article.' })
  @ValidateNested()
  input: CreateArticleInput;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
export class UpdateArticleArgs extends ArticleVersionArgs {
  @Field(() => UpdateArticleInput, { description: 'The changes; at least one field.' })
  @ValidateNested()
  input: UpdateArticleInput;
}

@ArgsType()
export class UpsertTranslationArgs {
  @Field(() => ID, { description: 'Global id of the article.' })
  id: string;

  @Field(() => Int, { description: 'The article `version` you last read: a stale one is a CONFLICT and changes nothing.' })
  @Version()
  expectedVersion: number;

  @Field(() => Locale, { description: 'Language of the translation (not the source language); the answer is served in it.' })
  @IsEnum(Locale, { context: { values: Object.values(Locale).join(', ') } })
  locale: LocaleCode;

  @Field(() => ArticleTranslationInput, { description: 'The translated text; replaces any text already in that language.' })
  @ValidateNested()
  input: ArticleTranslationInput;
}

@ArgsType()
export class RestoreRevisionArgs extends ArticleVersionArgs {
  @Field(() => ID, { description: 'Id of the revision to put back (from `articleRevisions`).' })
  revision: string;
}

@ArgsType()
export class ArticleRevisionsArgs extends PageArgs {
  @Field(() => ID, { description: 'Global id of the article.' })
  id: string;

  @Field(() => Locale, { description: 'Language whose earlier texts to list.' })
  locale: LocaleCode;
}

@ArgsType()
export class TranslationQueueArgs extends PageArgs {
  @Field(() => Locale, { description: 'Language to translate into; articles are served in it (falling back while it is missing).' })
  locale: LocaleCode;
}
