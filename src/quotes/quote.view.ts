import type { LocaleCode } from '../config.js';
import type { QuoteReadRow } from '../db/rows.js';
import { globalId } from '../common/node.js';
import type { Localizer } from '../i18n/localizer.js';
import { Quote } from './quote.type.js';

export function toQuote(row: QuoteReadRow, requested: LocaleCode, localizer: Localizer): Quote {
  const picked = localizer.pick(row.translations, requested, row.originalLocale);
  const original = row.translations.find((t) => t.locale === row.originalLocale) ?? picked?.text;
  return Object.assign(new Quote(), {
    row,
    requested,
    id: globalId('Quote', row.id),
    text: picked?.text.text ?? '',
    locale: picked?.locale ?? row.originalLocale,
    isFallback: picked?.isFallback ?? true,
    originalText: original?.text ?? '',
    originalLocale: row.originalLocale,
    attribution: picked?.text.attribution ?? null,
    version: row.version,
  });
}
