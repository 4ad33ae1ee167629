import { requireId } from '../common/id-arg.js';
import { SCHEDULE_LIMITS } from '../editorial/limits.js';
import { saveVersioned } from '../editorial/versioned.js';
import { watchArticle } from '../events/article-events.js';
import { withEvents } from '../events/outbox.js';
import type { Context } from '../server/context.js';
import type { ScheduleArticleArgs } from './article-schedule.input.js';
import type { Article } from './article.type.js';
import { reloadArticle } from './article-write.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * PUBLISHED with an embargo: readers see the article from `at` on (src/articles/visibility.ts),
 * at that instant the response cache's generation moves on (src/cache/releases.ts) and each
 * process tells its own live subscribers (src/live/release-announcer.ts). The article.published
 * events are recorded now for that instant (outbox availableAt): webhooks go out at it; a new
 * schedule, a release now or an unpublication deletes those still pending.
 * An article with no date gets the release instant as its date (precision TIME); one whose date is
 * a release instant set here moves with a new schedule. A live article cannot be put back under
 * embargo (unpublish it first); `unpublishArticle` cancels a schedule, `publishArticle` releases now.
 */
export async function scheduleArticle(ctx: Context, args: ScheduleArticleArgs): Promise<Article> {
  const locale = args.locale ?? ctx.locale;
  const errors = ctx.errors(locale);
  const id = requireId(args.id, 'Article', 'id', errors);
  const now = Date.now();
  if (args.at.getTime() <= now) throw errors.badInput('scheduleInPast', { argument: 'at', value: args.at.toISOString() });
  if (args.at.getTime() > now + SCHEDULE_LIMITS.AHEAD_MAX_DAYS * DAY_MS)
    throw errors.badInput('scheduleTooFar', { argument: 'at', value: args.at.toISOString(), max: SCHEDULE_LIMITS.AHEAD_MAX_DAYS });

  await withEvents(ctx, async (tx) => {
    // First statement: the version check and the row lock; the row read below cannot change before commit.
    await saveVersioned(tx, ctx, locale, 'article', { id, expectedVersion: args.expectedVersion });
    const article = await watchArticle(tx, id);
    const row = await tx.article.findUniqueOrThrow({ where: { id }, select: { status: true, publishedAt: true, datePrecision: true, embargoedUntil: true } });
    const released = row.status === 'PUBLISHED' && (row.embargoedUntil === null || row.embargoedUntil.getTime() <= now);
    if (released) throw errors.badInput('scheduleReleased', { argument: 'id' });
    const datedByRelease = row.publishedAt === null || (row.embargoedUntil !== null && row.publishedAt.getTime() === row.embargoedUntil.getTime());
    await tx.article.update({
      where: { id },
      data: { status: 'PUBLISHED', embargoedUntil: args.at, ...(datedByRelease && { publishedAt: args.at, datePrecision: 'TIME' }) },
    });
    await article.record([]);
  });
  return reloadArticle(ctx, id, locale);
}
