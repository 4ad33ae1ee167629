import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Locale } from '../common/enums.js';
import { connectionOf } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import type { DomainEventType } from '../events/domain-event.js';

/** The events an endpoint may subscribe to; their `type` in payloads is the dotted lower-case name. */
export enum WebhookEventType {
  ARTICLE_PUBLISHED = 'ARTICLE_PUBLISHED',
  ARTICLE_UPDATED = 'ARTICLE_UPDATED',
  ARTICLE_UNPUBLISHED = 'ARTICLE_UNPUBLISHED',
  TRANSLATION_PUBLISHED = 'TRANSLATION_PUBLISHED',
  TRANSLATION_OUTDATED = 'TRANSLATION_OUTDATED',
}
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'What a webhook endpoint is told about, per language version (`type` in the payload: `article.published`, …).',
  valuesConfig: {
    ARTICLE_PUBLISHED: {
      description:
        '`article.published`: an article became public, or its embargo ended (one event per public language version; for an embargo, delivered at its instant).',
    },
    ARTICLE_UPDATED: { description: '`article.updated`: a public language version changed (text, date, quotes, mentions).' },
    ARTICLE_UNPUBLISHED: {
      description:
        '`article.unpublished`: an article went back to draft or was archived (one event per language version that was public), or one translation was unpublished.',
    },
    TRANSLATION_PUBLISHED: {
      description:
        '`translation.published`: a translation of a public article was published (publishArticleTranslation); writing or submitting it sends nothing.',
    },
    TRANSLATION_OUTDATED: {
      description: '`translation.outdated`: a public translation became OUTDATED because its source text changed (drafts are not told).',
    },
  },
});

/** Why an endpoint is disabled (stored as the value's name). */
export enum WebhookDisabledReason {
  ADMIN = 'ADMIN',
  FAILURES = 'FAILURES',
}
registerEnumType(WebhookDisabledReason, {
  name: 'WebhookDisabledReason',
  description: 'Why a webhook is disabled.',
  valuesConfig: {
    ADMIN: { description: 'An admin disabled it (`disableWebhook`).' },
    FAILURES: { description: 'Its attempts failed WEBHOOKS_DISABLE_AFTER_FAILURES times in a row (docs/operations.md).' },
  },
});

export const toDomainType = (t: WebhookEventType) => t.toLowerCase().replace('_', '.') as DomainEventType;
export const fromDomainType = (t: string) => t.toUpperCase().replace('.', '_') as WebhookEventType;

@ObjectType('Webhook', { description: 'An endpoint that receives signed event notifications (admins). Its secret is only shown at creation.' })
export class Webhook {
  @Field(() => ID, { description: 'Webhook id, for `disableWebhook`, `enableWebhook` and `deleteWebhook`.' })
  id: string;

  @Field(() => String, { description: 'Where events are POSTed.' })
  url: string;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  events: WebhookEventType[];

  @Field(() => [Locale], { description: 'The language versions it receives events of.' })
  locales: LocaleCode[];

  @Field(() => Boolean, { description: 'False once disabled (by an admin, or after a run of failed attempts): no events are queued or sent for it.' })
  enabled: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt: Date | null;

  @Field(() => WebhookDisabledReason, { nullable: true, description: 'Why it was disabled; null while enabled. `enableWebhook` sends what waited.' })
  disabledReason: WebhookDisabledReason | null;

  @Field(() => Int, { description: 'Failed attempts since the last successful one.' })
  consecutiveFailures: number;

  @Field(() => DateTimeResolver, { description: 'When it was registered.' })
  createdAt: Date;
}

@ObjectType('CreatedWebhook', { description: 'A new webhook and its signing secret, shown this once.' })
export class CreatedWebhook {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook: Webhook;

  @Field(() => String, {
    description: 'Standard Webhooks secret (`whsec_…`) that signs every request (`webhook-signature`): give it to the receiver to verify. Not shown again.',
  })
  secret: string;
}

@ObjectType('WebhookAttempt', { description: 'One POST of an event to a webhook: the delivery log.' })
export class WebhookAttempt {
  @Field(() => String, { description: 'The event id (the `webhook-id` header and `data.eventId`), the same on every retry.' })
  eventId: string;

  @Field(() => WebhookEventType, { description: 'The event type.' })
  eventType: WebhookEventType;

  @Field(() => ID, { description: 'Id of the article concerned.' })
  articleId: string;

  @Field(() => Locale, { nullable: true, description: 'The language version concerned; null: every version.' })
  locale: LocaleCode | null;

  @Field(() => Int, { description: 'Which attempt at this event this was, from 1.' })
  attempt: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when there was none (see `error`).' })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed without an answer, or was not a success (a redirect is not followed); null otherwise.' })
  error: string | null;

  @Field(() => Boolean, { description: 'True when the endpoint answered 2xx: the event was delivered.' })
  delivered: boolean;

  @Field(() => DateTimeResolver, { description: 'When the request started.' })
  at: Date;

  @Field(() => Int, { description: 'Milliseconds until the answer, or the failure.' })
  durationMs: number;
}

export const WebhookAttemptConnection = connectionOf(WebhookAttempt, 'WebhookAttempt', 'attempt');
