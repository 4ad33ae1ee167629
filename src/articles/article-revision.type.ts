import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Locale } from '../common/enums.js';
import { connectionOf } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import { Paragraph } from './article.type.js';

@ObjectType('ArticleRevision', { description: 'Text of an article in one language as it was before an edit replaced it (editors).' })
export class ArticleRevision {
  @Field(() => ID, { description: 'Opaque id: pass it to `restoreArticleRevision`. Not a Node.' })
  id: string;

  @Field(() => Locale, { description: 'Language of this text.' })
  locale: LocaleCode;

  @Field(() => Int, { description: 'Version the text had (the `version` of its ArticleTranslation) until the edit replaced it.' })
  version: number;

  @Field(() => String, { description: 'Title as it was.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Lede as it was.' })
  lede: string | null;

  @Field(() => [Paragraph], { description: 'Body as it was.' })
  body: Paragraph[];

  @Field(() => String, { nullable: true, description: 'Name of the token whose edit replaced this text; null if that token was deleted.' })
  author: string | null;

  @Field(() => DateTimeResolver, { description: 'When the edit replaced this text.' })
  createdAt: Date;
}

export const ArticleRevisionConnection = connectionOf(ArticleRevision, 'ArticleRevision', 'revision');
