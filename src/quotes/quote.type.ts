import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../common/node.js';
import { Locale, TranslationOrigin } from '../common/enums.js';
import { connectionOf } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import type { QuoteReadRow } from '../db/rows.js';

@ObjectType('QuoteTranslation', { simpleResolvers: true, description: 'A quote in one language.' })
export class QuoteTranslation {
  @Field(() => Locale, { description: 'Language of this version.' })
  locale: LocaleCode;

  @Field(() => String, { description: 'The quoted words.' })
  text: string;

  @Field(() => String, { nullable: true, description: 'To whom the article attributes the words, as written in this language.' })
  attribution: string | null;

  @Field(() => TranslationOrigin, { description: 'Original text, human or machine translation.' })
  origin: keyof typeof TranslationOrigin;
}

@ObjectType('Quote', { simpleResolvers: true, implements: Node, description: 'Words quoted in an article, in their original language and in translation.' })
export class Quote extends Node {
  row: QuoteReadRow;
  requested: LocaleCode;

  @Field(() => String, { description: 'The quote in `locale`.' })
  text: string;

  @Field(() => Locale, { description: 'Language of `text` as served.' })
  locale: LocaleCode;

  @Field(() => Boolean, { description: 'True when the requested language was not available.' })
  isFallback: boolean;

  @Field(() => String, { description: 'The words as originally said or written.' })
  originalText: string;

  @Field(() => Locale, { description: 'Language of `originalText`.' })
  originalLocale: LocaleCode;

  @Field(() => String, { nullable: true, description: 'To whom the article attributes the words, in `locale` (kept even when no speaker entity is known).' })
  attribution: string | null;

  @Field(() => Int, { description: 'Optimistic concurrency token for editors: pass it as `expectedVersion` when changing the quote or its translations.' })
  version: number;
}

export const QuoteConnection = connectionOf(Quote, 'Quote', 'quote');
