import { randomBytes } from 'node:crypto';
import type { Prisma as P, WebhookEndpoint } from '@prisma/client';
import { encodeCursor, type CursorShape } from '../common/cursor.js';
import { readPage, toConnection, type ConnectionShape, type PageArgs } from '../common/connection.js';
import { globalId } from '../common/node.js';
import { LOCALES, type LocaleCode } from '../config.js';
import { notFound } from '../editorial/errors.js';
import { eventsCommitted } from '../events/outbox.js';
import type { Context } from '../server/context.js';
import { checkWebhookUrl } from './webhook-url.js';
import { fromDomainType, toDomainType, type Webhook, type WebhookAttempt, WebhookDisabledReason, type WebhookEventType } from './webhook.type.js';

/** Enough endpoints for every partner; each one costs a delivery per event. */
const WEBHOOKS_MAX = 100;

const toWebhook = (e: WebhookEndpoint): Webhook => ({
  id: String(e.id),
  url: e.url,
  events: e.events.map(fromDomainType),
  locales: e.locales,
  enabled: e.disabledAt === null,
  disabledAt: e.disabledAt,
  disabledReason: e.disabledReason as WebhookDisabledReason | null,
  consecutiveFailures: e.consecutiveFailures,
  createdAt: e.createdAt,
});

/** The endpoint's database id; NOT_FOUND for anything that names none. */
async function findEndpoint(ctx: Context, id: string): Promise<WebhookEndpoint> {
  const n = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const endpoint = n === null ? null : await ctx.prisma.webhookEndpoint.findUnique({ where: { id: n } });
  if (!endpoint) throw notFound(ctx, ctx.locale, 'id');
  return endpoint;
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export async function createWebhook(
  ctx: Context,
  url: string,
  events: WebhookEventType[],
  locales: LocaleCode[] | null | undefined,
): Promise<{ webhook: Webhook; secret: string }> {
  const errors = ctx.errors();
  const checked = await checkWebhookUrl(ctx, url.trim(), 'url');
  if (events.length === 0) throw errors.badInput('validation.arrayNotEmpty', { argument: 'events', field: 'events' });
  if (locales?.length === 0) throw errors.badInput('validation.arrayNotEmpty', { argument: 'locales', field: 'locales' });
  if ((await ctx.prisma.webhookEndpoint.count()) >= WEBHOOKS_MAX) throw errors.badInput('webhooksMax', { argument: 'url', max: WEBHOOKS_MAX });
  const secret = newSecret();
  const endpoint = await ctx.prisma.webhookEndpoint.create({
    data: { url: checked, secret, events: [...new Set(events.map(toDomainType))], locales: [...new Set(locales ?? LOCALES)] },
  });
  return { webhook: toWebhook(endpoint), secret };
}

export async function listWebhooks(ctx: Context): Promise<Webhook[]> {
  return (await ctx.prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } })).map(toWebhook);
}

export async function getWebhook(ctx: Context, id: string): Promise<Webhook> {
  return toWebhook(await findEndpoint(ctx, id));
}

/** Disabled: no new deliveries are queued for it, and queued ones wait (enabling sends them). */
export async function setEnabled(ctx: Context, id: string, enabled: boolean): Promise<Webhook> {
  const { id: n } = await findEndpoint(ctx, id);
  const data = enabled
    ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 }
    : { disabledAt: new Date(), disabledReason: WebhookDisabledReason.ADMIN };
  const endpoint = await ctx.prisma.webhookEndpoint.update({ where: { id: n }, data });
  if (enabled) eventsCommitted();
  return toWebhook(endpoint);
}

/** Deletes the endpoint with its queued deliveries and its log. */
export async function deleteWebhook(ctx: Context, id: string): Promise<string> {
  const { id: n } = await findEndpoint(ctx, id);
  await ctx.prisma.webhookEndpoint.deleteMany({ where: { id: n } });
  return String(n);
}

/** Newest first: the cursor is the id of the last attempt served. */
const ATTEMPT_CURSOR = { tag: 'webhookAttempt', shape: ['id'] as CursorShape };

type AttemptRow = P.WebhookAttemptGetPayload<{ include: { delivery: { include: { event: true } } } }>;

function toAttempt(row: AttemptRow): WebhookAttempt {
  const { event } = row.delivery;
  return {
    eventId: event.publicId,
    eventType: fromDomainType(event.type),
    articleId: globalId('Article', event.articleId),
    locale: event.locale,
    attempt: row.attempt,
    statusCode: row.statusCode,
    error: row.error,
    delivered: row.error === null && row.statusCode !== null && row.statusCode >= 200 && row.statusCode < 300,
    at: row.startedAt,
    durationMs: row.durationMs,
  };
}

export async function listAttempts(ctx: Context, webhook: Webhook, args: PageArgs): Promise<ConnectionShape<WebhookAttempt>> {
  const page = readPage(args, ATTEMPT_CURSOR.tag, ATTEMPT_CURSOR.shape, ctx.errors());
  const where = { endpointId: Number(webhook.id) };
  const rows = await ctx.prisma.webhookAttempt.findMany({
    where: { ...where, ...(page.after && { id: { lt: page.after[0] as number } }) },
    include: { delivery: { include: { event: true } } },
    orderBy: { id: 'desc' },
    take: page.take,
  });
  return toConnection(
    rows,
    page,
    toAttempt,
    (r) => encodeCursor(ATTEMPT_CURSOR.tag, [r.id]),
    () => ctx.prisma.webhookAttempt.count({ where }),
  );
}
