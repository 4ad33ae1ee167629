import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../common/connection.js';
import { Article } from './article.type.js';

export enum TranslationQueueReason {
  MISSING = 'MISSING',
  OUTDATED = 'OUTDATED',
  IN_REVIEW = 'IN_REVIEW',
}

registerEnumType(TranslationQueueReason, {
  name: 'TranslationQueueReason',
  description: 'Why an article waits in the translation queue of a language: the work to do first.',
  valuesConfig: {
    MISSING: { description: 'No text in that language yet: translate it.' },
    OUTDATED: { description: 'The source was edited since the translation was made: revise it (even if it is in review or published).' },
    IN_REVIEW: { description: 'Up to date and submitted for review: review it, then publishArticleTranslation.' },
  },
});

@ObjectType('TranslationQueueEdge', { simpleResolvers: true, description: 'One article waiting in a translation queue, with its cursor and why it waits.' })
export class TranslationQueueEdge {
  @Field(() => Article, { description: 'The article, served in the language of the queue (falling back while that text is missing).' })
  node: Article;

  @Field(() => String, { description: 'Opaque position of this item: pass it as `after`.' })
  cursor: string;

  @Field(() => TranslationQueueReason, { description: 'Why it waits: MISSING, OUTDATED or IN_REVIEW.' })
  reason: TranslationQueueReason;
}

@ObjectType('TranslationQueueConnection', { simpleResolvers: true, description: 'A page of a translation queue (Relay connection).' })
export class TranslationQueueConnection {
  @Field(() => [TranslationQueueEdge], { description: 'The articles of this page, the oldest source change first.' })
  edges: TranslationQueueEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo: PageInfo;

  // A resolver of its own (simple: false): the value is a promise, which graphql-jit awaits only from a resolver.
  @Field(() => Int, { simple: false, description: 'Number of articles in the whole queue, all pages together.' })
  totalCount: number;
}
