import type { LocaleCode } from '../config.js';
import type { ArticleReadRow, ArticleTextMeta, ServedArticleText } from '../db/rows.js';
import { globalId } from '../common/node.js';
import type { Localizer } from '../i18n/localizer.js';
import { Article, ArticleTranslation, type Paragraph } from './article.type.js';
import type { Loaders } from '../server/context.js';

/** A language version as stored; the source language's takes its status from the article. */
export function toArticleTranslation(t: ArticleTextMeta, article: Pick<ArticleReadRow, 'sourceLocale' | 'status'>): ArticleTranslation {
  const status = t.locale !== article.sourceLocale ? t.status : article.status === 'PUBLISHED' ? 'PUBLISHED' : 'DRAFT';
  return Object.assign(new ArticleTranslation(), { ...t, status, text: t });
}

/** Body paragraphs of a text: at hand when the write path loaded them, else from the batched loader. */
export async function bodyOf(text: ServedArticleText | null, loaders: Loaders): Promise<Paragraph[]> {
  if (!text) return [];
  const body = text.body !== undefined ? text.body : await loaders.articleBody.load(text.id);
  return Array.isArray(body) ? (body as unknown as Paragraph[]) : [];
}

/** The article as served in `requested`, falling back along the chain when that text is missing (a localized row holds only that text). */
export function toArticle(row: ArticleReadRow, requested: LocaleCode, localizer: Localizer): Article {
  const picked = localizer.pick(row.translations, requested, row.sourceLocale);
  const text = picked?.text;
  return Object.assign(new Article(), {
    row,
    requested,
    text: text ?? null,
    id: globalId('Article', row.id),
    slug: row.slug,
    sourceLocale: row.sourceLocale,
    locale: picked?.locale ?? row.sourceLocale,
    isFallback: picked?.isFallback ?? true,
    title: text?.title ?? '',
    lede: text?.lede ?? null,
    publishedAt: row.publishedAt,
    datePrecision: row.datePrecision,
    agency: row.agency,
    availableLocales: row.localized ? row.locales : row.translations.map((t) => t.locale).sort(),
    version: row.version,
    status: row.status,
  });
}
