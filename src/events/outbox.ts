import type { Prisma as P } from '@prisma/client';
import type { Context } from '../server/context.js';
import { publishLiveEvents } from '../live/publish.js';
import type { DomainEvent, EditorialEvent, LiveEvent } from './domain-event.js';

export interface RecordOptions {
  /** Deliver not before this instant (an embargoed release); default: at once. */
  availableAt?: Date;
}

/**
 * Writes events to the outbox in the caller's transaction, with one pending delivery for each
 * enabled webhook endpoint that subscribed to the event's type and language: the events commit
 * or roll back with the change, so a process dying right after the commit loses none (any
 * process's delivery worker sends them). In a transaction run by `withEvents`, this process's
 * worker is woken once it committed; otherwise deliveries wait for the next poll.
 */
export async function recordEvents(tx: P.TransactionClient, events: readonly DomainEvent[], options: RecordOptions = {}): Promise<void> {
  if (events.length === 0) return;
  const availableAt = options.availableAt ?? null;
  const queued = await tx.$executeRaw`
    WITH given AS (
      SELECT * FROM unnest(${events.map((e) => e.type)}::text[], ${events.map((e) => e.articleId)}::int[], ${events.map((e) => e.locale)}::text[])
        WITH ORDINALITY AS g(type, "articleId", locale, n)
    ), inserted AS (
      INSERT INTO "OutboxEvent" (type, "articleId", slug, locale, "availableAt")
      SELECT g.type, g."articleId", a.slug, g.locale::"Locale", COALESCE(${availableAt}::timestamptz, now())
      FROM given g JOIN "Article" a ON a.id = g."articleId"
      ORDER BY g.n
      RETURNING id, type, locale, "availableAt"
    )
    INSERT INTO "WebhookDelivery" ("eventId", "endpointId", "nextAttemptAt")
    SELECT i.id, e.id, i."availableAt"
    FROM inserted i
    JOIN "WebhookEndpoint" e ON e."disabledAt" IS NULL AND i.type = ANY(e.events) AND (i.locale IS NULL OR i.locale = ANY(e.locales))`;
  if (queued > 0) queuedIn.add(tx);
  // Live subscribers hear what is readable now; an embargoed release is theirs at its instant
  // (src/live/release-announcer.ts tells each process's own subscribers then).
  if (!availableAt || availableAt.getTime() <= Date.now()) tellLive(tx, events);
}

/** Events for editors' live subscriptions only: never written to the outbox (partners never learn of drafts). */
export function recordEditorialEvents(tx: P.TransactionClient, events: readonly EditorialEvent[]): void {
  if (events.length > 0) tellLive(tx, events);
}

const tellLive = (tx: P.TransactionClient, events: readonly LiveEvent[]) => recordedIn.set(tx, [...(recordedIn.get(tx) ?? []), ...events]);

/**
 * Deletes the article's events still waiting for an embargo's end (and their deliveries), in the
 * transaction that reschedules, releases now or unpublishes it: a release that will not happen
 * at that instant is never delivered. Deliveries are claimed only once due, so none of these is
 * being sent; an embargo that ended before this transaction is an event that happened, kept.
 */
export async function cancelPendingReleases(tx: P.TransactionClient, articleId: number): Promise<void> {
  await tx.$executeRaw`DELETE FROM "OutboxEvent" WHERE "articleId" = ${articleId} AND "availableAt" > ${new Date()}`;
}

/** Transactions that queued deliveries: their commit wakes the worker (nothing to do otherwise). */
const queuedIn = new WeakSet<P.TransactionClient>();
/** The events each transaction recorded, for live subscribers once it committed. */
const recordedIn = new WeakMap<P.TransactionClient, LiveEvent[]>();

/**
 * `ctx.prisma.$transaction(change)` for changes that record events: once it committed, wakes this
 * process's delivery workers if it queued deliveries, so they go out at once, and tells live
 * subscribers (every process, through Redis) what it recorded. One account of a change, read by
 * both: webhooks from the outbox, subscriptions from the same events after the commit.
 */
export async function withEvents<T>(ctx: Context, change: (tx: P.TransactionClient) => Promise<T>): Promise<T> {
  let queued = false;
  let recorded: LiveEvent[] = [];
  const result = await ctx.prisma.$transaction(async (tx) => {
    const value = await change(tx);
    queued = queuedIn.has(tx);
    recorded = recordedIn.get(tx) ?? [];
    return value;
  });
  if (queued) eventsCommitted();
  await publishLiveEvents(ctx, recorded);
  return result;
}

const committedListeners = new Set<() => void>();

/** After a commit that queued deliveries (or an endpoint enabled): wakes the delivery workers of this process. */
export function eventsCommitted(): void {
  for (const listener of committedListeners) listener();
}

/** Calls `listener` on every `eventsCommitted()`; returns the function that stops it. */
export function onEventsCommitted(listener: () => void): () => void {
  committedListeners.add(listener);
  return () => committedListeners.delete(listener);
}
