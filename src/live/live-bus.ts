import { randomUUID } from 'node:crypto';
import { createPubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { LOCALES } from '../config.js';
import { EDITORIAL_EVENT_TYPES, PUBLIC_EVENT_TYPES, type LiveEvent } from '../events/domain-event.js';
import type { Logger } from '../logger.js';

/**
 * The pub/sub type-graphql's subscriptions read (`buildSchema({ pubSub })`): one per process, as
 * the schema is. Each server in the process publishes on a channel of its own (LiveBus.id), so
 * two servers in one process (tests) never hear each other's events.
 */
export const livePubSub = createPubSub<{ live: [string, LiveEvent] }>();

/** Where a server's events go once their transaction committed. */
export interface LiveBus {
  /** This server's channel on livePubSub. */
  readonly id: string;
  publish(events: readonly LiveEvent[]): Promise<void>;
  /** To this process's subscribers only (what every process learns by itself, e.g. a release's instant). */
  announceLocally(events: readonly LiveEvent[]): void;
  close(): Promise<void>;
}

const deliverLocally = (id: string, events: readonly LiveEvent[]) => {
  for (const event of events) livePubSub.publish('live', id, event);
};

/** One process, no Redis: events reach this process's subscribers only. */
function memoryBus(): LiveBus {
  const id = randomUUID();
  return { id, publish: async (events) => deliverLocally(id, events), announceLocally: (events) => deliverLocally(id, events), close: async () => {} };
}

const TYPES: readonly string[] = [...PUBLIC_EVENT_TYPES, ...EDITORIAL_EVENT_TYPES];

const isEvent = (e: Partial<LiveEvent>): e is LiveEvent =>
  TYPES.includes(e.type as string) && Number.isSafeInteger(e.articleId) && (e.locale === null || LOCALES.includes(e.locale as never));

/** The events of one message on the channel (one mutation's); anything else on it is not ours: ignored. */
function parseEvents(message: string): LiveEvent[] {
  try {
    const list = JSON.parse(message) as unknown;
    return Array.isArray(list) ? list.filter(isEvent).map(({ type, articleId, locale }) => ({ type, articleId, locale })) : [];
  } catch {
    return [];
  }
}

/**
 * Redis pub/sub: every process publishes on one channel and hears every process's events there
 * (its own included), so a client connected to any process is told of a change made through any
 * other. Delivery is at most once: a process cut off from Redis misses what was published
 * meanwhile (clients re-read on reconnect; webhooks are the durable path).
 */
function redisBus(redis: Redis, keyPrefix: string, logger: Logger): LiveBus {
  const id = randomUUID();
  const channel = `${keyPrefix}live`;
  // Subscribing takes a connection of its own. Unlike the shared one it queues commands while
  // Redis is away, and ioredis subscribes again after each reconnection.
  const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined, maxRetriesPerRequest: null });
  // The shared connection already logs Redis going away and coming back.
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, message: string) => {
    deliverLocally(id, parseEvents(message));
  });
  subscriber.subscribe(channel).catch((err: Error) => logger.warn({ err: err.message }, 'live updates: cannot subscribe to Redis'));
  return {
    id,
    announceLocally: (events) => deliverLocally(id, events),
    async publish(events) {
      try {
        // One message per mutation: its events arrive together or not at all.
        await redis.publish(channel, JSON.stringify(events));
      } catch (err) {
        // The change is committed whatever happens here: this process's own subscribers still hear of it.
        logger.warn({ err: (err as Error).message }, 'live updates: Redis unavailable, events delivered in this process only');
        deliverLocally(id, events);
      }
    },
    async close() {
      subscriber.disconnect();
    },
  };
}

/** Through Redis when the deployment has one, else in memory. */
export const createLiveBus = (redis: Redis | null, keyPrefix: string, logger: Logger): LiveBus => (redis ? redisBus(redis, keyPrefix, logger) : memoryBus());
