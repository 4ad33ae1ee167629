import { Field, ObjectType } from 'type-graphql';
import { Locale } from '../common/enums.js';
import type { LocaleCode } from '../config.js';

@ObjectType('LocaleInfo', { simpleResolvers: true, description: 'A language the archive serves.' })
export class LocaleInfo {
  @Field(() => Locale, { description: 'Code to pass as `locale`.' })
  code: LocaleCode;

  @Field(() => String, { description: 'Name of the language in the request language.' })
  name: string;

  @Field(() => String, { description: 'Name of the language in itself ("français").' })
  nativeName: string;

  @Field(() => Boolean, { description: 'True for the language served when a request names none.' })
  isDefault: boolean;

  @Field(() => [Locale], { description: 'Languages tried, in order, when text is missing in this one (before the original language).' })
  fallback: LocaleCode[];
}
