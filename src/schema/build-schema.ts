import 'reflect-metadata';
import { buildSchemaSync, type ValidatorFn } from 'type-graphql';
import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import { ArticleResolver, ArticleTranslationResolver } from '../articles/article.resolver.js';
import { EntityResolver } from '../entities/entity.resolver.js';
import { QuoteResolver } from '../quotes/quote.resolver.js';
import { LocalesResolver } from '../locales/locales.resolver.js';
import { NodeResolver } from './node.resolver.js';
import { validateInput } from '../editorial/validate-input.js';
import { requireAdmin, requireEditor } from '../auth/guard.js';
import { TokenResolver } from '../auth/token.resolver.js';
import type { Context } from '../server/context.js';
import { SearchResolver } from '../search/search.resolver.js';
import { ArticleWriteResolver } from '../articles/article-write.resolver.js';
import { ArticleEditorialResolver } from '../articles/article-editorial.resolver.js';
import { TranslationPublishResolver } from '../articles/translation-publish.resolver.js';
import { ArticleScheduleResolver } from '../articles/article-schedule.resolver.js';
import { QuoteWriteResolver } from '../quotes/quote-write.resolver.js';
import { EntityWriteResolver } from '../entities/entity-write.resolver.js';
import { MentionWriteResolver } from '../entities/mention-write.resolver.js';
import { ArticleHit, EntityHit, QuoteHit, searchHitType } from '../search/search.type.js';
import { Article } from '../articles/article.type.js';
import { Entity } from '../entities/entity.type.js';
import { Quote } from '../quotes/quote.type.js';
import { ImportResolver } from '../import/import.resolver.js';
import { answerLocale } from '../i18n/negotiate.js';
import { ArticleFormatsResolver } from '../formats/formats.resolver.js';
import { LiveResolver } from '../live/live.resolver.js';
import { livePubSub } from '../live/live-bus.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';
import { callFieldResolversDirectly } from './direct-field-resolvers.js';

let schema: GraphQLSchema | undefined;
/** The fields whose resolvers are called without type-graphql's handler (src/schema/direct-field-resolvers.ts). */
export let directFieldResolvers: string[] = [];

const RESOLVERS = [
  ArticleResolver,
  ArticleFormatsResolver,
  ArticleTranslationResolver,
  ArticleWriteResolver,
  ArticleEditorialResolver,
  TranslationPublishResolver,
  ArticleScheduleResolver,
  EntityResolver,
  QuoteResolver,
  QuoteWriteResolver,
  EntityWriteResolver,
  MentionWriteResolver,
  LocalesResolver,
  NodeResolver,
  SearchResolver,
  TokenResolver,
  ImportResolver,
  LiveResolver,
  WebhookResolver,
] as const;

/** The schema is the same for every server in the process: build it once. */
export function buildSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: RESOLVERS,
    // Subscriptions read each server's channel on it (src/live/live-bus.ts).
    pubSub: livePubSub,
    // Interface implementations are reached only through their interface (`node`, `search`): list them so they are in the schema.
    orphanedTypes: [Article, Entity, Quote, ArticleHit, QuoteHit, EntityHit],
    validateFn: validateInput as ValidatorFn,
    // @Authorized() runs before argument validation: an anonymous caller learns it needs a token,
    // not what was wrong with its input. It is the only check: requireEditor/requireAdmin throw
    // the error themselves, in the language the field answers in.
    authChecker: ({ context, args, info }, roles) => {
      const locale = answerLocale(info, args);
      return Boolean(roles.includes('ADMIN') ? requireAdmin(context as Context, locale) : requireEditor(context as Context, locale));
    },
    emitSchemaFile: false,
  });
  directFieldResolvers = callFieldResolversDirectly(schema, RESOLVERS);
  // Synchronous, as graphql-jit needs it (type-graphql's wrapper returns a promise).
  (schema.getType('SearchHit') as GraphQLInterfaceType).resolveType = searchHitType;
  // type-graphql has no decorator for the root type's own description.
  schema.getQueryType()!.description =
    'Reads: published articles (editors also see drafts and archived ones), their quotes and the entities they name, in French or English.';
  schema.getMutationType()!.description =
    'Editorial changes: need `Authorization: Bearer <token>` of an editor or admin. Every change of an existing record takes `expectedVersion`.';
  schema.getSubscriptionType()!.description =
    'Live updates over WebSocket (graphql-ws protocol) on /graphql: send the token in `connection_init` (`{ "authorization": "Bearer <token>" }`). Each event is read as a query of the subscriber would read it.';
  return schema;
}
