import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMinSize, IsEnum, IsOptional, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { EntityType, Locale, TranslationOrigin } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import { TEXT_LIMITS } from '../editorial/limits.js';
import { NestedList, OptionalText, Text, TextList, Version, WikidataId } from '../editorial/rules.js';

// Inputs travel inside args classes so that a failing rule is reported with its full path
// (`input.translations[1].aliases`): the validation hook only sees the object it validates.

const enumRule = (values: object) => IsEnum(values, { context: { values: Object.values(values).join(', ') } });

/** Given (not omitted): the rules of an optional field apply only then. */
const Given = () => ValidateIf((_o, v) => v !== undefined);

/** One text per language: two translations in the same language would leave one unreachable. */
const DistinctLocales = () =>
  ValidateBy({
    name: 'distinctLocales',
    validator: { validate: (v: unknown) => !Array.isArray(v) || new Set(v.map((t: { locale?: unknown }) => t?.locale)).size === v.length },
  });

const NAMES = `not blank, at most ${TEXT_LIMITS.NAME_MAX} characters`;

@InputType('EntityTranslationInput', { description: 'Name, description and aliases of a new entity in one language.' })
export class EntityTranslationInput {
  @Field(() => Locale, { description: 'Language of this text.' })
  @enumRule(Locale)
  locale: LocaleCode;

  @Field(() => String, { description: `Usual name in this language (${NAMES}).` })
  @Text(TEXT_LIMITS.NAME_MAX)
  name: string;

  @Field(() => String, { nullable: true, description: `One or two sentences, at most ${TEXT_LIMITS.DESCRIPTION_MAX} characters.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => [String], { defaultValue: [], description: `Other names in this language, each ${NAMES}; at most ${TEXT_LIMITS.ALIASES_MAX}.` })
  @TextList(TEXT_LIMITS.ALIASES_MAX, TEXT_LIMITS.NAME_MAX)
  aliases: string[];
}

@InputType('CreateEntityInput', { description: 'A new named entity.' })
export class CreateEntityInput {
  @Field(() => EntityType, { description: 'Person, organisation, place, event or other.' })
  @enumRule(EntityType)
  type: keyof typeof EntityType;

  @Field(() => String, { nullable: true, description: 'Wikidata item id (e.g. Q7747); no other entity may have it.' })
  @IsOptional()
  @WikidataId()
  wikidataId?: string | null;

  @Field(() => [EntityTranslationInput], {
    description: 'The entity in one or two languages, each once. The first is its original language; the key is made from its name.',
  })
  @ArrayMinSize(1, { context: { min: 1 } })
  @NestedList(2)
  @DistinctLocales()
  translations: EntityTranslationInput[];
}

@InputType('UpdateEntityInput', { description: 'Changes to an entity: omitted fields stay as they are.' })
export class UpdateEntityInput {
  @Field(() => EntityType, { nullable: true, description: 'New type.' })
  @Given()
  @enumRule(EntityType)
  type?: keyof typeof EntityType | null;

  @Field(() => String, { nullable: true, description: 'New Wikidata item id (no other entity may have it); null removes it.' })
  @IsOptional()
  @WikidataId()
  wikidataId?: string | null;
}

@InputType('EntityTextInput', { description: 'The whole text of an entity in one language; replaces any text already in that language.' })
export class EntityTextInput {
  @Field(() => String, { description: `Usual name in this language (${NAMES}).` })
  @Text(TEXT_LIMITS.NAME_MAX)
  name: string;

  @Field(() => String, { nullable: true, description: `One or two sentences, at most ${TEXT_LIMITS.DESCRIPTION_MAX} characters; null or empty: none.` })
  @IsOptional()
  @OptionalText(TEXT_LIMITS.DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => [String], {
    defaultValue: [],
    description: `Other names in this language, each ${NAMES}; at most ${TEXT_LIMITS.ALIASES_MAX}. Replaces the current list.`,
  })
  @TextList(TEXT_LIMITS.ALIASES_MAX, TEXT_LIMITS.NAME_MAX)
  aliases: string[];

  @Field(() => TranslationOrigin, { description: 'ORIGINAL (only for the language the entity was first named in), HUMAN or MACHINE.' })
  @enumRule(TranslationOrigin)
  origin: keyof typeof TranslationOrigin;
}

@ArgsType()
export class CreateEntityArgs {
  @Field(() => CreateEntityInput, { description: 'The entity.' })
  @ValidateNested()
  input: CreateEntityInput;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
class EntityVersionArgs {
  @Field(() => ID, { description: "Global id of the entity (a merged duplicate's id names the entity kept)." })
  id: string;

  @Field(() => Int, { description: 'The entity `version` you last read: a stale one is a CONFLICT and changes nothing.' })
  @Version()
  expectedVersion: number;
}

@ArgsType()
export class UpdateEntityArgs extends EntityVersionArgs {
  @Field(() => UpdateEntityInput, { description: 'The changes; at least one field.' })
  @ValidateNested()
  input: UpdateEntityInput;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}

@ArgsType()
export class UpsertEntityTranslationArgs extends EntityVersionArgs {
  @Field(() => Locale, { description: 'Language of the text; the answer is served in it.' })
  @enumRule(Locale)
  locale: LocaleCode;

  @Field(() => EntityTextInput, { description: 'The text in that language.' })
  @ValidateNested()
  input: EntityTextInput;
}

@ArgsType()
export class MergeEntitiesArgs {
  @Field(() => ID, { description: 'Global id of the entity to keep.' })
  keep: string;

  @Field(() => Int, { description: 'The `version` of the entity to keep you last read.' })
  @Version()
  keepVersion: number;

  @Field(() => ID, { description: 'Global id of the duplicate: its mentions, quotes and names move to `keep`, and its id then names `keep`.' })
  duplicate: string;

  @Field(() => Int, { description: 'The `version` of the duplicate you last read.' })
  @Version()
  duplicateVersion: number;

  @Field(() => Locale, { nullable: true, description: 'Language to answer in; default from Accept-Language.' })
  locale?: LocaleCode | null;
}
