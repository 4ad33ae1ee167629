import type { LocaleCode } from '../config.js';
import type { ArticleRow, ArticleTextRow } from '../db/rows.js';
import { globalId } from '../common/node.js';
import type { Localizer } from '../i18n/localizer.js';
import { Article, type ArticleTranslation, type Paragraph } from './article.type.js';

const paragraphs = (body: ArticleTextRow['body']): Paragraph[] => (Array.isArray(body) ? (body as unknown as Paragraph[]) : []);

export function toArticleTranslation(t: ArticleTextRow): ArticleTranslation {
  return { ...t, body: paragraphs(t.body) };
}

/** The article as served in `requested`, falling back along the chain when that text is missing. */
export function toArticle(row: ArticleRow, requested: LocaleCode, localizer: Localizer): Article {
  const picked = localizer.pick(row.translations, requested, row.sourceLocale);
  const text = picked?.text;
  return Object.assign(new Article(), {
    row,
    requested,
    id: globalId('Article', row.id),
    slug: row.slug,
    sourceLocale: row.sourceLocale,
    locale: picked?.locale ?? row.sourceLocale,
    isFallback: picked?.isFallback ?? true,
    title: text?.title ?? '',
    lede: text?.lede ?? null,
    body: text ? paragraphs(text.body) : [],
    publishedAt: row.publishedAt,
    datePrecision: row.datePrecision,
    agency: row.agency,
    availableLocales: row.translations.map((t) => t.locale).sort(),
    version: row.version,
  });
}
