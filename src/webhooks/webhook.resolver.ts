import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Locale } from '../common/enums.js';
import { PageArgs } from '../common/connection.js';
import type { LocaleCode } from '../config.js';
import type { Context } from '../server/context.js';
import { createWebhook, deleteWebhook, getWebhook, listAttempts, listWebhooks, setEnabled } from './webhook.service.js';
import { CreatedWebhook, Webhook, WebhookAttemptConnection, WebhookEventType } from './webhook.type.js';

const idArg = () => Arg('id', () => ID, { description: 'Webhook id.' });

// Endpoints receive what partners may know before readers do (drafts' outdated translations) and
// hold the signing secrets: admins only.
@Resolver(() => Webhook)
export class WebhookResolver {
  @Authorized('ADMIN')
  @Query(() => [Webhook], { description: 'Every webhook endpoint, enabled or not, oldest first (admins).' })
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return listWebhooks(ctx);
  }

  @Authorized('ADMIN')
  @Query(() => Webhook, { description: 'One webhook endpoint, with its delivery log (admins).' })
  webhook(@Ctx() ctx: Context, @idArg() id: string): Promise<Webhook> {
    return getWebhook(ctx, id);
  }

  @Authorized('ADMIN')
  @Mutation(() => CreatedWebhook, {
    description:
      'Registers an endpoint that receives the events chosen, for the languages chosen, as signed POSTs (Standard Webhooks) (admins). Its secret is in the answer only.',
  })
  createWebhook(
    @Ctx() ctx: Context,
    @Arg('url', () => String, { description: 'http:// or https:// URL; public addresses only unless the server allows private ones.' }) url: string,
    @Arg('events', () => [WebhookEventType], { description: 'The events to receive (at least one).' }) events: WebhookEventType[],
    @Arg('locales', () => [Locale], { nullable: true, description: 'The language versions to receive events of; default: every language.' })
    locales: LocaleCode[] | null,
  ): Promise<CreatedWebhook> {
    return createWebhook(ctx, url, events, locales);
  }

  @Authorized('ADMIN')
  @Mutation(() => Webhook, { description: 'Stops sending to an endpoint (admins): no events are queued for it while disabled.' })
  disableWebhook(@Ctx() ctx: Context, @idArg() id: string): Promise<Webhook> {
    return setEnabled(ctx, id, false);
  }

  @Authorized('ADMIN')
  @Mutation(() => Webhook, {
    description: 'Sends to an endpoint again (admins), starting with what was queued before it was disabled; its run of failures starts over.',
  })
  enableWebhook(@Ctx() ctx: Context, @idArg() id: string): Promise<Webhook> {
    return setEnabled(ctx, id, true);
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, { description: 'Deletes an endpoint with its queued deliveries and its log (admins). Answers its id.' })
  deleteWebhook(@Ctx() ctx: Context, @idArg() id: string): Promise<string> {
    return deleteWebhook(ctx, id);
  }

  @FieldResolver(() => Int, { description: 'Events waiting to be delivered to this endpoint: not yet tried, or to be retried.' })
  pendingDeliveries(@Ctx() ctx: Context, @Root() webhook: Webhook): Promise<number> {
    return ctx.prisma.webhookDelivery.count({ where: { endpointId: Number(webhook.id), deliveredAt: null, failedAt: null } });
  }

  @FieldResolver(() => WebhookAttemptConnection, { description: 'Every attempt to deliver an event to this endpoint, newest first: the delivery log.' })
  attempts(@Ctx() ctx: Context, @Root() webhook: Webhook, @Args(() => PageArgs) args: PageArgs) {
    return listAttempts(ctx, webhook, args);
  }
}
