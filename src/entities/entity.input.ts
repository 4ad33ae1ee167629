import { Field, InputType } from 'type-graphql';
import { EntityType } from '../common/enums.js';

@InputType('EntityFilter', { description: 'Narrows a list of entities.' })
export class EntityFilter {
  @Field(() => EntityType, { nullable: true, description: 'Only entities of this type.' })
  type?: keyof typeof EntityType | null;
}
