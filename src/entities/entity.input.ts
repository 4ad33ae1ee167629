import { Field, InputType } from 'type-graphql';
import { EntityType } from '../common/enums.js';
import { LIMITS } from '../server/limits.js';

@InputType('EntityFilter', { description: 'Narrows a list of entities.' })
export class EntityFilter {
  @Field(() => EntityType, { nullable: true, description: 'Only entities of this type.' })
  type?: keyof typeof EntityType | null;

  @Field(() => String, {
    nullable: true,
    description:
      `Only entities with a name or alias like this one, in French or English, ignoring case and accents and tolerating typos: ` +
      `"etats unis", "ÉTATS-UNIS" and "United States" find the same entity. 1 to ${LIMITS.ENTITY_NAME_QUERY_MAX_LENGTH} characters. ` +
      'The match may be in the other language: entities are still served in `locale` ("Putin" with locale FR gives "Vladimir Poutine"). ' +
      'Best match first (closest name, then the entity mentioned most often in published articles) instead of the order they were added.',
  })
  name?: string | null;
}
