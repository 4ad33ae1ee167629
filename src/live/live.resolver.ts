import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { Locale } from '../common/enums.js';
import { databaseId } from '../common/node.js';
import type { LocaleCode } from '../config.js';
import type { LiveEvent } from '../events/domain-event.js';
import { Article } from '../articles/article.type.js';
import type { Context } from '../server/context.js';
import { liveArticles } from './live-stream.js';

type Data<A> = SubscribeResolverData<unknown, A, Context>;

/** The text of `event.locale` changed (or the whole article did, locale null): does the subscriber read that text? */
const readsChangedText = (event: LiveEvent, article: Article) => event.locale === null || event.locale === article.locale;

/** What articleUpdated hears: readers, the changes they see; editors also drafts, reviews and schedules. */
const UPDATES: readonly LiveEvent['type'][] = ['article.updated', 'translation.published', 'draft.updated', 'translation.status', 'article.scheduled'];
/** What changes a translation queue: texts written, made OUTDATED, submitted, published or unpublished. */
const QUEUE_CHANGES: readonly LiveEvent['type'][] = [
  'article.updated',
  'draft.updated',
  'translation.outdated',
  'draft.outdated',
  'translation.status',
  'translation.published',
  'article.unpublished',
];

@Resolver()
export class LiveResolver {
  @Subscription(() => Article, {
    description:
      'Each article as it is published, served in `locale` as a query would serve it (fallback and `isFallback` included). Over WebSocket (graphql-ws) on /graphql; readers are never sent drafts.',
    subscribe: ({ args, context, info }: Data<{ locale?: LocaleCode | null }>) =>
      liveArticles(context, info, args.locale ?? context.locale, {
        hears: (e) => e.type === 'article.published' || e.type === 'translation.published',
        // One event per language version published: each reader is sent the one they now read.
        sends: (e, article) => readsChangedText(e, article),
      }),
  })
  articlePublished(
    @Root() article: Article,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from the connection (Accept-Language).' })
    _locale?: LocaleCode | null,
  ): Article {
    return article;
  }

  @Subscription(() => Article, {
    description:
      'The article each time it changes (text, translation, quotes, mentions, dates), served in `locale`. Changes to a language version the subscriber does not read are not sent. Readers get nothing while they may not read the article or that version; editors also follow drafts, translations in review and schedules.',
    subscribe: ({ args, context, info }: Data<{ id: string; locale?: LocaleCode | null }>) => {
      const locale = args.locale ?? context.locale;
      const ref = databaseId(args.id, 'Article');
      if (!ref) throw context.errors(locale).badInput('id', { argument: 'id' });
      return liveArticles(context, info, locale, {
        hears: (e) => e.articleId === ref.id && UPDATES.includes(e.type),
        sends: readsChangedText,
      });
    },
  })
  articleUpdated(
    @Root() article: Article,
    @Arg('id', () => ID, { description: 'Global id of the article.' }) _id: string,
    @Arg('locale', () => Locale, { nullable: true, description: 'Language to serve; default from the connection (Accept-Language).' })
    _locale?: LocaleCode | null,
  ): Article {
    return article;
  }

  @Authorized()
  @Subscription(() => Article, {
    description:
      'Articles joining or leaving the translation queue of `locale` (editors): their source text was edited (translations OUTDATED), or their text in `locale` was written, submitted for review, published or unpublished (drafts included). Read `translationState(locale:)` to know which.',
    subscribe: ({ args, context, info }: Data<{ locale: LocaleCode }>) =>
      liveArticles(context, info, args.locale, {
        hears: (e) => QUEUE_CHANGES.includes(e.type),
        sends: (e, article) => article.sourceLocale !== args.locale && (e.locale === args.locale || (e.locale === null && e.type.endsWith('.outdated'))),
      }),
  })
  translationQueueChanged(
    @Root() article: Article,
    @Arg('locale', () => Locale, { description: 'Language whose queue to follow.' }) _locale: LocaleCode,
  ): Article {
    return article;
  }
}
