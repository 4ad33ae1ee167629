import { Authorized, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Node } from '../common/node.js';
import { ArticleStatus, DatePrecision, Locale, ParagraphKind, TranslationOrigin, TranslationStatus } from '../common/enums.js';
import { connectionOf } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import type { ArticleReadRow, ArticleTextMeta, ServedArticleText } from '../db/rows.js';

@ObjectType('Paragraph', { simpleResolvers: true, description: 'One paragraph of an article body.' })
export class Paragraph {
  @Field(() => ParagraphKind, { description: 'Running text or intertitle.' })
  kind: ParagraphKind;

  @Field(() => String, { description: 'The text, plain (no markup).' })
  text: string;
}

@ObjectType('ArticleTranslation', { simpleResolvers: true, description: 'One language version of an article, as stored.' })
export class ArticleTranslation {
  /** The stored text; its body is loaded only when asked for. */
  text: ArticleTextMeta;

  @Field(() => Locale, { description: 'Language of this version.' })
  locale: LocaleCode;

  @Field(() => String, { description: 'Title in this language.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Lede (opening paragraph) in this language.' })
  lede: string | null;

  @Field(() => TranslationOrigin, { description: 'Original text, human or machine translation.' })
  origin: keyof typeof TranslationOrigin;

  @Field(() => Int, { description: 'Version of this text, bumped on each edit of it.' })
  version: number;

  @Field(() => Int, { description: 'Version of the source-language text this one was translated from.' })
  sourceVersion: number;

  @Field(() => DateTimeResolver, { description: 'Last change of this text.' })
  updatedAt: Date;

  // Editors only, with an error of their own for anyone else (resolved by the auth check, not simple).
  @Authorized()
  @Field(() => TranslationStatus, {
    nullable: true,
    simple: false,
    description:
      "Whether readers see this version (editors only: without an editor's token the field is null with UNAUTHENTICATED or FORBIDDEN). The source language's version follows the article: PUBLISHED when the article is, else DRAFT.",
  })
  status: keyof typeof TranslationStatus;

  @Authorized()
  @Field(() => String, {
    nullable: true,
    simple: false,
    description: 'Name of the editor token that published this text after its review (editors only); null when it was not published from review.',
  })
  reviewedBy: string | null;

  @Authorized()
  @Field(() => DateTimeResolver, { nullable: true, simple: false, description: 'When that review ended in publication (editors only).' })
  reviewedAt: Date | null;
}

@ObjectType('Article', {
  simpleResolvers: true,
  implements: Node,
  description:
    'A wire dispatch. Text fields are served in `locale`: the language asked for when it exists, else the next one of the fallback chain (`isFallback` is then true).',
})
export class Article extends Node {
  /** The stored row, whole or localized; resolvers read relations from it. */
  row: ArticleReadRow;
  /** The language version served (null only for an article with no text at all). */
  text: ServedArticleText | null;
  /** Language the client asked for; nested objects are served in it too. */
  requested: LocaleCode;

  @Field(() => String, { description: 'URL-safe unique name, the same in every language.' })
  slug: string;

  @Field(() => Locale, { description: 'Language the article was written in.' })
  sourceLocale: LocaleCode;

  @Field(() => Locale, { description: 'Language of the text fields actually served.' })
  locale: LocaleCode;

  @Field(() => Boolean, { description: 'True when the requested language was not available and another was served.' })
  isFallback: boolean;

  @Field(() => String, { description: 'Title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Lede: the opening paragraph.' })
  lede: string | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Publication date; only the parts given by `datePrecision` are meaningful (a MONTH date is the 1st of the month).',
  })
  publishedAt: Date | null;

  @Field(() => DatePrecision, {
    nullable: true,
    description:
      'How precise `publishedAt` is: the seed dispatch only says "2024-04" (MONTH). Null exactly when `publishedAt` is: an undated draft has no precision (a change from the first contract, which said `DatePrecision!`).',
  })
  datePrecision: keyof typeof DatePrecision | null;

  @Field(() => String, { nullable: true, description: 'News agency that filed the dispatch (e.g. AFP).' })
  agency: string | null;

  @Field(() => [Locale], { description: 'Languages this article has text in that the request may see (readers: published language versions only).' })
  availableLocales: LocaleCode[];

  @Authorized()
  @Field(() => ArticleStatus, {
    nullable: true,
    simple: false,
    description: "Where the article stands (editors only: without an editor's token the field is null with UNAUTHENTICATED or FORBIDDEN).",
  })
  status: keyof typeof ArticleStatus;

  @Field(() => Int, { description: 'Optimistic-concurrency token: pass it back as `expectedVersion` when editing.' })
  version: number;
}

export const ArticleConnection = connectionOf(Article, 'Article', 'article');
