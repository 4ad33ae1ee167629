import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../common/node.js';
import { EntityType, Locale, TranslationOrigin } from '../common/enums.js';
import { connectionOf } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import type { EntityReadRow } from '../db/rows.js';

@ObjectType('EntityTranslation', { simpleResolvers: true, description: 'The name and description of an entity in one language.' })
export class EntityTranslation {
  @Field(() => Locale, { description: 'Language of this version.' })
  locale: LocaleCode;

  @Field(() => String, { description: 'Usual name in this language (Poutine / Putin).' })
  name: string;

  @Field(() => String, { nullable: true, description: 'One-sentence description in this language.' })
  description: string | null;

  @Field(() => [String], { description: 'Other names used in this language.' })
  aliases: string[];

  @Field(() => TranslationOrigin, { description: 'Original text, human or machine translation.' })
  origin: keyof typeof TranslationOrigin;
}

@ObjectType('Entity', {
  simpleResolvers: true,
  implements: Node,
  description: 'A named person, organisation, place or event mentioned in dispatches. Names differ by language.',
})
export class Entity extends Node {
  row: EntityReadRow;
  requested: LocaleCode;

  @Field(() => EntityType, { description: 'Person, organisation, place, event or other.' })
  type: keyof typeof EntityType;

  @Field(() => String, { description: 'Name in `locale`.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Short description in `locale`.' })
  description: string | null;

  @Field(() => [String], { description: 'Other names in `locale`.' })
  aliases: string[];

  @Field(() => Locale, { description: 'Language of name, description and aliases as served.' })
  locale: LocaleCode;

  @Field(() => Boolean, { description: 'True when the requested language was not available.' })
  isFallback: boolean;

  @Field(() => String, { nullable: true, description: 'Wikidata item id (e.g. Q7747), when known.' })
  wikidataId: string | null;

  @Field(() => Int, { description: 'Optimistic concurrency token for editors: pass it as `expectedVersion` when changing the entity.' })
  version: number;
}

@ObjectType('Mention', { simpleResolvers: true, description: 'An entity named in an article, and how many times.' })
export class Mention {
  @Field(() => Entity, { description: 'The entity mentioned.' })
  entity: Entity;

  @Field(() => Int, { description: 'Number of times the article names it.' })
  count: number;
}

export const EntityConnection = connectionOf(Entity, 'Entity', 'entity');
