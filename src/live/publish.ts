import type { LiveEvent } from '../events/domain-event.js';
import type { Context } from '../server/context.js';

/**
 * Tells live subscribers about changes a mutation made. Call it after the transaction returned:
 * an event for a change that rolled back would show readers what never happened. Never throws:
 * the change is committed, and the mutation's answer must say so.
 */
export async function publishLiveEvents(ctx: Context, events: readonly LiveEvent[]): Promise<void> {
  if (!ctx.live || events.length === 0) return;
  try {
    await ctx.live.publish(events);
  } catch (err) {
    ctx.logger.warn({ err, requestId: ctx.requestId }, 'live updates: events not published');
  }
}
