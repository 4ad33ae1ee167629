import type { WebhookSettings } from '../config.js';
import type { Db } from '../db/database.js';
import { onEventsCommitted } from '../events/outbox.js';
import type { Logger } from '../logger.js';
import { claimDue, recordAttempt, release, type ClaimedDelivery } from './delivery-store.js';
import { payloadOf, signedHeaders } from './payload.js';
import { send } from './send.js';

/**
 * A claim outlives the longest request by this much, for booking the outcome: only a dead (or
 * stuck) worker's claims expire. Should one expire while the outcome is booked, the event goes
 * out twice, with the same id: receivers deduplicate on it.
 */
const LEASE_MARGIN_MS = 5_000;

export interface DeliveryWorker {
  /** Look for due deliveries now (after a commit, an endpoint enabled). */
  wake(): void;
  /** Stops claiming, interrupts requests in flight (their deliveries become due again at once). */
  stop(): Promise<void>;
}

/**
 * Sends the webhook deliveries that are due, in every server process: up to `concurrency` at once,
 * woken after a commit of this process that recorded events, and every `pollMs` otherwise
 * (other processes' events, retries that came due, embargoes that ended).
 */
export function startDeliveryWorker(prisma: Db, settings: WebhookSettings, logger: Logger): DeliveryWorker {
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const stopListening = onEventsCommitted(wake);

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const body = payloadOf(delivery.event);
    const startedAt = new Date();
    const outcome = await send(delivery.url, body, signedHeaders(delivery.secret, delivery.event, body, startedAt), settings, shutdown.signal);
    if (shutdown.signal.aborted && outcome.error === 'shutdown') return release(prisma, delivery.id);
    const delivered = await recordAttempt(prisma, delivery, outcome, startedAt, Date.now() - startedAt.getTime(), settings);
    logger[delivered ? 'debug' : 'info'](
      { webhook: delivery.endpointId, eventId: delivery.event.publicId, attempt: delivery.attempts, ...outcome },
      delivered ? 'webhook delivered' : 'webhook delivery failed',
    );
  }

  /** Resolves on `wake()`, after `ms`, or when a delivery in flight ends. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || shutdown.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      woken = false;
      const free = settings.concurrency - inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await claimDue(prisma, free, settings.timeoutMs + LEASE_MARGIN_MS);
        } catch (err) {
          // The database is away: the next poll tries again; nothing is lost, the rows wait.
          if (!shutdown.signal.aborted) logger.warn({ err: (err as Error).message }, 'webhook deliveries could not be claimed');
        }
      }
      for (const delivery of claimed) {
        const running: Promise<void> = deliver(delivery)
          .catch((err: unknown) => logger.error({ err, webhook: delivery.endpointId }, 'webhook attempt could not be recorded'))
          .finally(() => {
            inFlight.delete(running);
            wake();
          });
        inFlight.add(running);
      }
      // A full batch may mean more are due: look again at once (when slots are free).
      if (claimed.length === free && free > 0) continue;
      await pause(settings.pollMs);
    }
  })();

  return {
    wake,
    async stop() {
      stopListening();
      shutdown.abort();
      wakeUp?.();
      await loop;
      await Promise.all(inFlight);
    },
  };
}
