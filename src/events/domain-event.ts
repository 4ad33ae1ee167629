import type { LocaleCode } from '../config.js';

/**
 * What happened to the archive that apps (subscriptions) and partners (webhooks) are told about.
 * Computed by the change that causes it, inside its transaction; delivered only after the commit.
 * Public events concern what readers see: they go to the outbox (webhooks) and to every live
 * subscriber.
 */
export type DomainEventType = 'article.published' | 'article.updated' | 'article.unpublished' | 'translation.published' | 'translation.outdated';

/**
 * What only editors are told, live, never through the outbox (partners must not learn of drafts):
 * `draft.updated` a language version readers do not see changed (text, quotes, mentions, dates,
 * status of the article); `draft.outdated` such a translation became OUTDATED;
 * `translation.status` a translation was submitted for review or withdrawn (or published while
 * readers cannot see the article); `article.scheduled` the article's release instant changed.
 */
export type EditorialEventType = 'draft.updated' | 'draft.outdated' | 'translation.status' | 'article.scheduled';

interface EventOf<T> {
  type: T;
  articleId: number;
  /** The language version concerned; null: the article as a whole (every version). */
  locale: LocaleCode | null;
}

export type DomainEvent = EventOf<DomainEventType>;
export type EditorialEvent = EventOf<EditorialEventType>;
/** What live subscribers are sent: public events to all, editorial ones to editors only. */
export type LiveEvent = DomainEvent | EditorialEvent;

export const PUBLIC_EVENT_TYPES: readonly DomainEventType[] = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'translation.published',
  'translation.outdated',
];
export const EDITORIAL_EVENT_TYPES: readonly EditorialEventType[] = ['draft.updated', 'draft.outdated', 'translation.status', 'article.scheduled'];

export const isEditorial = (e: LiveEvent): e is EditorialEvent => (EDITORIAL_EVENT_TYPES as readonly string[]).includes(e.type);
