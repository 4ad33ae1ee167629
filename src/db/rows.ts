import type { Prisma as P } from '@prisma/client';

// Row shapes as the loaders fetch them: each entity with all its language versions in one query.
export const withTranslations = { translations: true } as const;

export type ArticleRow = P.ArticleGetPayload<{ include: typeof withTranslations }>;
export type ArticleTextRow = ArticleRow['translations'][number];
export type QuoteRow = P.QuoteGetPayload<{ include: typeof withTranslations }>;
export type EntityRow = P.EntityGetPayload<{ include: typeof withTranslations }>;
export type MentionRow = P.MentionGetPayload<{ include: { entity: { include: typeof withTranslations } } }>;

/**
 * What the read path loads for an article: every language version without its body (a feed
 * never shows bodies, and they are most of an article's bytes); `body` is there only when the
 * row came from the write path, else the `articleBody` loader fetches it when a client asks.
 */
export type ArticleTextMeta = Omit<ArticleTextRow, 'body'> & { body?: ArticleTextRow['body'] };
// Where a ninjs import came from is the importer's business only: the read path does not load it.
export type ArticleReadRow = Omit<ArticleRow, 'translations' | 'ninjsUri' | 'ninjsVersion'> & { translations: ArticleTextMeta[] };

/** A quote as the read path loads it for an article: with its speaker when it has one, to spare a round trip. */
export type QuoteReadRow = QuoteRow & { speaker?: EntityRow | null };
