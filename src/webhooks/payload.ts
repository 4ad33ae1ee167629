import { Webhook } from 'standardwebhooks';
import { globalId } from '../common/node.js';

/** An outbox event as the worker claims it. */
export interface ClaimedEvent {
  publicId: string;
  type: string;
  articleId: number;
  slug: string;
  locale: string | null;
  /** When it took effect: when recorded, or the end of its embargo (availableAt). */
  occurredAt: Date;
}

/**
 * The body receivers get (Standard Webhooks: `type`, `timestamp`, `data`): when the event
 * took effect, and which article and language version, with the event id to deduplicate on (the same
 * as the webhook-id header, and the same on every retry).
 */
export function payloadOf(event: ClaimedEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: { eventId: event.publicId, articleId: globalId('Article', event.articleId), slug: event.slug, locale: event.locale },
  });
}

/** The Standard Webhooks headers, signed by its library with the endpoint's secret. */
export function signedHeaders(secret: string, event: ClaimedEvent, body: string, now = new Date()): Record<string, string> {
  return {
    'webhook-id': event.publicId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(event.publicId, now, body),
    'user-agent': 'Depeche-Webhooks/1',
  };
}
