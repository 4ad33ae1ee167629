import type { LocaleCode } from '../config.js';

/**
 * What happened to the archive that apps (subscriptions) and partners (webhooks) are told about.
 * Computed by the change that causes it, inside its transaction; delivered only after the commit.
 */
export type DomainEventType = 'article.published' | 'article.updated' | 'article.unpublished' | 'translation.published' | 'translation.outdated';

export interface DomainEvent {
  type: DomainEventType;
  articleId: number;
  /** The language version concerned; null: the article as a whole (every version). */
  locale: LocaleCode | null;
}
