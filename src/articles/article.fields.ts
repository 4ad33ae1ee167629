import { TranslationState } from '../common/enums.js';
import type { LocaleCode } from '../config.js';
import type { WholeArticleRow } from '../db/rows.js';
import type { Translator } from '../i18n/i18n.js';

/** "avril 2024" / "April 2024": the date in `locale`, never more precise than the source. */
export function dateLabel(translator: Translator, locale: LocaleCode, date: Date | null, precision: string | null): string {
  if (!date || !precision) return translator.t(locale, 'labels:date.none');
  return translator.date(locale, `labels:date.${precision}`, date);
}

export function translationState(row: Pick<WholeArticleRow, 'sourceLocale' | 'translations'>, locale: LocaleCode): TranslationState {
  const text = row.translations.find((t) => t.locale === locale);
  if (!text) return TranslationState.MISSING;
  if (locale === row.sourceLocale) return TranslationState.CURRENT;
  const source = row.translations.find((t) => t.locale === row.sourceLocale);
  return !source || text.sourceVersion >= source.version ? TranslationState.CURRENT : TranslationState.OUTDATED;
}
