import type { LocaleCode } from '../config.js';

export interface Picked<T> {
  text: T;
  locale: LocaleCode;
  isFallback: boolean;
}

/**
 * The text to serve for `requested`: along the configured chain, then the original language,
 * then whatever exists. Null only when there is no text at all.
 */
export function pickTranslation<T extends { locale: LocaleCode }>(
  translations: readonly T[],
  requested: LocaleCode,
  chain: readonly LocaleCode[],
  original: LocaleCode,
): Picked<T> | null {
  for (const locale of [...chain, original]) {
    const text = translations.find((t) => t.locale === locale);
    if (text) return { text, locale, isFallback: locale !== requested };
  }
  const [any] = translations;
  return any ? { text: any, locale: any.locale, isFallback: any.locale !== requested } : null;
}
