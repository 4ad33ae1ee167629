import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { DatePrecision } from '../common/enums.js';
import { Article, Paragraph } from '../articles/article.type.js';
import { Entity, Mention } from '../entities/entity.type.js';

@ObjectType('ImportedQuote', { description: 'A quote found in the dispatch.' })
export class ImportedQuote {
  @Field(() => String, { description: 'The words inside the quote marks.' })
  text: string;

  @Field(() => Int, { description: 'Index of its paragraph in `body`; -1 for the lede.' })
  paragraph: number;

  @Field(() => String, { nullable: true, description: 'Who the sentence attributes it to, as written ("la télévision nigérienne"); null if nobody.' })
  attribution: string | null;

  @Field(() => Entity, { nullable: true, description: 'The known entity the attribution names, if any.' })
  speaker: Entity | null;
}

@ObjectType('ImportCandidate', { description: 'A name in the dispatch that no entity has yet.' })
export class ImportCandidate {
  @Field(() => String, { description: 'The name as written.' })
  name: string;

  @Field(() => Int, { description: 'How many times the text names it.' })
  count: number;

  @Field(() => Entity, { nullable: true, description: 'The entity created for it (createEntities: true, not on a dry run).' })
  created: Entity | null;
}

@ObjectType('ImportWarning', { description: 'Something the importer could not read as expected.' })
export class ImportWarningType {
  @Field(() => String, { description: 'Stable code: noDate, invalidDate, emptyText, ledeIsHeading, unbalancedQuotes.' })
  code: string;

  @Field(() => String, { description: "What happened, in the request's language." })
  message: string;
}

@ObjectType('ImportResult', { description: 'What an import created (or, on a dry run, would create).' })
export class ImportResult {
  @Field(() => Article, {
    nullable: true,
    description: 'The DRAFT article created, or the one imported earlier from the same text (or ninjs uri and version); null on a dry run of a new one.',
  })
  article: Article | null;

  @Field(() => Boolean, {
    description:
      'True when the same text, or the same ninjs `uri` and `version`, was imported before (or the ninjs item is one of our own articles): nothing was written, `article` is that article.',
  })
  existing: boolean;

  @Field(() => String, { description: "Title: a ninjs item's main headline; for raw text, the lede's first sentence (it has none)." })
  title: string;

  @Field(() => String, { description: 'Lede, without its dateline.' })
  lede: string;

  @Field(() => [Paragraph], { description: 'Body paragraphs after the lede.' })
  body: Paragraph[];

  @Field(() => DateTimeResolver, { nullable: true, description: 'Publication date, as precise as the text says (see datePrecision).' })
  publishedAt: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: 'How precise publishedAt is (TIME for a ninjs item, whose dates are instants).' })
  datePrecision: keyof typeof DatePrecision | null;

  @Field(() => String, { nullable: true, description: 'The date in the request\'s language ("avril 2024").' })
  dateLabel: string | null;

  @Field(() => String, { nullable: true, description: "Dateline place as written (a ninjs item's `located`)." })
  dateline: string | null;

  @Field(() => Entity, { nullable: true, description: 'The known entity the dateline names, if any.' })
  datelineEntity: Entity | null;

  @Field(() => String, { nullable: true, description: "Agency: from the request, else a ninjs item's originator, else from the dateline." })
  agency: string | null;

  @Field(() => [ImportedQuote], { description: 'Quotes, in text order.' })
  quotes: ImportedQuote[];

  @Field(() => [Mention], { description: 'Known entities the text names, with counts (created candidates are under `candidates`).' })
  mentions: Mention[];

  @Field(() => [ImportCandidate], { description: "Names no entity has yet, with counts: a ninjs item's listed ones first, then the text's." })
  candidates: ImportCandidate[];

  @Field(() => [ImportWarningType], { description: 'Problems found while reading the text.' })
  warnings: ImportWarningType[];
}
