import type { GraphQLResolveInfo } from 'graphql';
import { filter, map, pipe } from '@graphql-yoga/subscription';
import type { LocaleCode } from '../config.js';
import { isEditorial, type LiveEvent } from '../events/domain-event.js';
import { findArticle } from '../articles/article.service.js';
import { articleWants } from '../articles/page-lookahead.js';
import type { Article } from '../articles/article.type.js';
import type { Context } from '../server/context.js';
import { livePubSub } from './live-bus.js';

/** Which events a subscription hears, and whether the article as this subscriber now reads it is worth sending. */
export interface LiveSelection {
  /** Cheap test on the event alone, before anything is read. */
  hears(event: LiveEvent): boolean;
  /** Test on the article as read for the subscriber (visible to them, served in their language). */
  sends(event: LiveEvent, article: Article): boolean;
}

/**
 * The articles a subscriber is sent: for each event it hears, the article read afresh the way a
 * query of this subscriber would read it now, through the same loaders (visibility, language and
 * fallback, the selection's joins). An article they may not read at delivery time (a draft, or
 * unpublished since the event) reads as nothing and is not sent. Each event reads anew: the
 * subscription's loaders are emptied first, as a mutation empties them before answering. Readers
 * never hear editorial events (src/events/domain-event.ts).
 */
export function liveArticles(ctx: Context, info: GraphQLResolveInfo, locale: LocaleCode, selection: LiveSelection): AsyncIterable<Article> {
  if (!ctx.live) throw new Error('live updates need a server (Services.live)');
  const wants = articleWants(info);
  const read = async (event: LiveEvent): Promise<Article | null> => {
    for (const loader of Object.values(ctx.loaders)) loader.clearAll();
    try {
      const article = await findArticle(ctx, locale, { id: event.articleId }, wants);
      return article && selection.sends(event, article) ? article : null;
    } catch (err) {
      // One event lost is better than a subscription ended by a passing database failure.
      ctx.logger.warn({ err, event, requestId: ctx.requestId }, 'live updates: event not sent');
      return null;
    }
  };
  return pipe(
    livePubSub.subscribe('live', ctx.live.id),
    // Editorial events (drafts, reviews, schedules) are for editors' subscriptions only.
    filter((event: LiveEvent) => (!isEditorial(event) || !ctx.visibility.readers) && selection.hears(event)),
    map(read),
    filter((article: Article | null): article is Article => article !== null),
  ) as AsyncIterable<Article>;
}
