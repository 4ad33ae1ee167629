import type { Db } from '../db/database.js';
import type { WebhookSettings } from '../config.js';
import type { ClaimedEvent } from './payload.js';
import type { SendOutcome } from './send.js';

export interface ClaimedDelivery {
  id: number;
  /** This attempt's number, from 1. */
  attempts: number;
  endpointId: number;
  url: string;
  secret: string;
  event: ClaimedEvent;
}

/** A claimed delivery as the statement returns it: the delivery's columns and its event's, side by side. */
type ClaimRow = Omit<ClaimedDelivery, 'event'> & ClaimedEvent;

/**
 * Takes up to `limit` due deliveries of enabled endpoints. Rows another process is claiming are
 * skipped (FOR UPDATE SKIP LOCKED), and a claimed row's next attempt time moves to the end of a
 * lease in the same statement, so no other worker takes it while this one sends it; a worker that
 * dies mid-request leaves it to be taken again when the lease ends.
 */
export async function claimDue(prisma: Db, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const rows = await prisma.$queryRaw<ClaimRow[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" e ON e.id = d."endpointId" AND e."disabledAt" IS NULL
      WHERE d."deliveredAt" IS NULL AND d."failedAt" IS NULL AND d."nextAttemptAt" <= now()
      ORDER BY d."nextAttemptAt", d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d
    SET attempts = d.attempts + 1, "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    FROM due, "OutboxEvent" ev, "WebhookEndpoint" e
    WHERE d.id = due.id AND ev.id = d."eventId" AND e.id = d."endpointId"
    RETURNING d.id, d.attempts, d."endpointId", e.url, e.secret, ev."publicId"::text AS "publicId", ev.type, ev."articleId", ev.slug,
      ev.locale::text AS locale, ev."availableAt" AS "occurredAt"`;
  return rows.map(({ publicId, type, articleId, slug, locale, occurredAt, ...d }) => ({
    ...d,
    event: { publicId, type, articleId, slug, locale, occurredAt },
  }));
}

/** Wait before the next attempt: doubled each time from the base, capped, with up to 20% added so retries spread. */
function backoffMs(attempts: number, settings: WebhookSettings): number {
  const wait = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(wait * (1 + Math.random() * 0.2));
}

const succeeded = (outcome: SendOutcome) => outcome.error === null && outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;

/**
 * Books an attempt in the delivery log, then: delivered (and the endpoint's run of failures
 * ends), or the next attempt scheduled (or the delivery given up after `maxAttempts`) and the
 * endpoint disabled once its run of consecutive failures reaches `disableAfterFailures`.
 */
export async function recordAttempt(
  prisma: Db,
  delivery: ClaimedDelivery,
  outcome: SendOutcome,
  startedAt: Date,
  durationMs: number,
  settings: WebhookSettings,
): Promise<boolean> {
  const ok = succeeded(outcome);
  const error =
    outcome.error ?? (ok ? null : outcome.statusCode !== null && outcome.statusCode < 400 ? `redirect not followed (HTTP ${outcome.statusCode})` : null);
  const log = prisma.webhookAttempt.create({
    data: {
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      attempt: delivery.attempts,
      statusCode: outcome.statusCode,
      error,
      startedAt,
      durationMs,
    },
  });
  if (ok) {
    await prisma.$transaction([
      log,
      prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { deliveredAt: new Date() } }),
      prisma.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0 } }),
    ]);
    return true;
  }
  const givenUp = delivery.attempts >= settings.maxAttempts;
  // The reason is WebhookDisabledReason.FAILURES.
  await prisma.$transaction([
    log,
    prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: givenUp ? { failedAt: new Date() } : { nextAttemptAt: new Date(Date.now() + backoffMs(delivery.attempts, settings)) },
    }),
    prisma.$executeRaw`
      UPDATE "WebhookEndpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1,
        "disabledAt" = CASE WHEN "disabledAt" IS NULL AND "consecutiveFailures" + 1 >= ${settings.disableAfterFailures} THEN now() ELSE "disabledAt" END,
        "disabledReason" = CASE WHEN "disabledAt" IS NULL AND "consecutiveFailures" + 1 >= ${settings.disableAfterFailures} THEN 'FAILURES' ELSE "disabledReason" END
      WHERE id = ${delivery.endpointId}`,
  ]);
  return false;
}

/** A delivery interrupted by shutdown: not an attempt; due again at once, for any process. */
export async function release(prisma: Db, deliveryId: number): Promise<void> {
  await prisma.webhookDelivery.updateMany({ where: { id: deliveryId }, data: { attempts: { decrement: 1 }, nextAttemptAt: new Date() } });
}
