import { Authorized, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { CreateEntityArgs, MergeEntitiesArgs, UpdateEntityArgs, UpsertEntityTranslationArgs } from './entity-write.input.js';
import { Entity } from './entity.type.js';
import { createEntity, updateEntity, upsertEntityTranslation } from './entity-write.service.js';
import { mergeEntities } from './entity-merge.service.js';

@Resolver(() => Entity)
export class EntityWriteResolver {
  @Authorized()
  @Mutation(() => Entity, { description: 'Adds a named entity in one or two languages (editors). Its key is made from its first name.' })
  createEntity(@Ctx() ctx: Context, @Args(() => CreateEntityArgs) args: CreateEntityArgs): Promise<Entity> {
    return createEntity(ctx, args);
  }

  @Authorized()
  @Mutation(() => Entity, { description: 'Changes the type or Wikidata id of an entity (editors).' })
  updateEntity(@Ctx() ctx: Context, @Args(() => UpdateEntityArgs) args: UpdateEntityArgs): Promise<Entity> {
    return updateEntity(ctx, args);
  }

  @Authorized()
  @Mutation(() => Entity, {
    description: 'Adds or replaces the name, description and aliases of an entity in one language (editors); the text replaced is kept as a revision.',
  })
  upsertEntityTranslation(@Ctx() ctx: Context, @Args(() => UpsertEntityTranslationArgs) args: UpsertEntityTranslationArgs): Promise<Entity> {
    return upsertEntityTranslation(ctx, args);
  }

  @Authorized()
  @Mutation(() => Entity, {
    description:
      "Merges a duplicate into the entity kept, all or nothing (editors): mentions, quotes and datelines move to it, the duplicate's names become its aliases, and the duplicate's id resolves to it from then on. Answers the kept entity.",
  })
  mergeEntities(@Ctx() ctx: Context, @Args(() => MergeEntitiesArgs) args: MergeEntitiesArgs): Promise<Entity> {
    return mergeEntities(ctx, args);
  }
}
