import { Field, ID, InputType } from 'type-graphql';

@InputType('QuoteFilter', { description: 'Narrows a list of quotes; all given conditions must hold.' })
export class QuoteFilter {
  @Field(() => ID, { nullable: true, description: 'Only quotes said by this entity.' })
  speaker?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only quotes of this article.' })
  article?: string | null;
}
