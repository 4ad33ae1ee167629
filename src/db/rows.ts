import type { Prisma as P } from '@prisma/client';
import type { LocaleCode } from '../config.js';

// Row shapes as the loaders fetch them: each entity with all its language versions in one query.
export const withTranslations = { translations: true } as const;

export type ArticleRow = P.ArticleGetPayload<{ include: typeof withTranslations }>;
export type ArticleTextRow = ArticleRow['translations'][number];
export type QuoteRow = P.QuoteGetPayload<{ include: typeof withTranslations }>;
export type EntityRow = P.EntityGetPayload<{ include: typeof withTranslations }>;
type QuoteText = QuoteRow['translations'][number];
export type EntityTextRow = EntityRow['translations'][number];

/**
 * Rows the read path loads come in two forms. Whole: `translations` holds every language
 * version. Localized (`localized: true`): the statement chose, along the fallback chain of the
 * requested language, the one version to serve, and `translations` holds only that one (a quote
 * also its original when the query asks for it); fields that need every version (`translations`,
 * `translationState`) load the whole row.
 */
type Whole<T> = { translations: T[]; localized?: undefined };
type Localized<T> = { translations: T[]; localized: true };

/**
 * An article's language version without its body (a feed never shows bodies, and they are most
 * of an article's bytes); `body` is there only when the query selects it (or the row came from
 * the write path), else the `articleBody` loader fetches it.
 */
export type ArticleTextMeta = Omit<ArticleTextRow, 'body'> & { body?: ArticleTextRow['body'] };
/** The version of an article a localized row serves. */
export type ServedArticleText = Pick<ArticleTextRow, 'id' | 'locale' | 'title' | 'lede'> & { body?: ArticleTextRow['body'] };

/** What the read path loads for an article; a localized row also knows its languages. Quotes and mentions come with it when the query selects them. */
export type ArticleReadRow = Pick<
  ArticleRow,
  'id' | 'slug' | 'sourceLocale' | 'status' | 'publishedAt' | 'datePrecision' | 'datelineId' | 'agency' | 'version'
> &
  (Whole<ArticleTextMeta> | (Localized<ServedArticleText> & { locales: LocaleCode[] })) & {
    quotes?: QuoteReadRow[];
    mentions?: MentionRow[];
    /** The release instant of a schedule: read for editors only (undefined: not read, null: none). */
    embargoedUntil?: Date | null;
    /** The dateline place when the statement brought it (undefined: not read). */
    dateline?: EntityReadRow | null;
  };
export type WholeArticleRow = Extract<ArticleReadRow, { localized?: undefined }>;

/**
 * A localized entity (servedEntity) carries what the query selects: `wikidataId`, `version` and
 * the served version's `description` and `aliases` are undefined when not read (`origin` is
 * never: a localized row holds one version, so nothing is picked from it).
 */
export type EntityReadRow = Pick<EntityRow, 'id' | 'type'> &
  (
    | (Whole<EntityTextRow> & Pick<EntityRow, 'wikidataId' | 'version' | 'mergedIntoId'>)
    | (Localized<Pick<EntityTextRow, 'locale' | 'name'> & Partial<Pick<EntityTextRow, 'description' | 'aliases' | 'origin'>>> &
        Partial<Pick<EntityRow, 'wikidataId' | 'version'>>)
  );

/** A quote as the read path loads it for an article: with its speaker when it has one, to spare a round trip. */
export type QuoteReadRow = Pick<QuoteRow, 'id' | 'articleId' | 'speakerId' | 'originalLocale' | 'position' | 'version'> &
  (Whole<QuoteText> | Localized<Pick<QuoteText, 'locale' | 'text' | 'attribution'>>) & { speaker?: EntityReadRow | null };

export interface MentionRow {
  articleId: number;
  entityId: number;
  count: number;
  entity: EntityReadRow;
}
export type WholeQuoteRow = Extract<QuoteReadRow, { localized?: undefined }>;
