import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource } from 'i18next';
import { LRUCache } from 'lru-cache';
import { LOCALES, type Config, type LocaleCode } from '../config.js';
import { localesDir } from '../paths.js';

/** i18next language codes are lower-case; the API's Locale enum is upper-case. */
export const toLng = (locale: LocaleCode): string => locale.toLowerCase();
export const fromLng = (lng: string): LocaleCode => lng.toUpperCase() as LocaleCode;

/** Reads locales/<lng>/<namespace>.json for every supported locale. */
export function loadResources(dir = localesDir): Resource {
  const resources: Resource = {};
  for (const locale of LOCALES) {
    const lng = toLng(locale);
    resources[lng] = {};
    for (const file of readdirSync(path.join(dir, lng)).filter((f) => f.endsWith('.json'))) {
      resources[lng][path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, lng, file), 'utf8'));
    }
  }
  return resources;
}

export interface Translator {
  /** Label or message in `locale`; keys are `namespace:path`. */
  t(locale: LocaleCode, key: string, options?: Record<string, unknown>): string;
  /** A label that formats one date (`{{date, datetime(…)}}`), e.g. `labels:date.MONTH`. */
  date(locale: LocaleCode, key: string, date: Date): string;
  /** Locales to try, in order, for text requested in `locale` (before the original language). */
  chain(locale: LocaleCode): LocaleCode[];
}

/** Dates formatted and kept per process: a feed page formats 20 of them on every request. */
const DATE_LABELS_KEPT = 20_000;

export function createTranslator(config: Pick<Config, 'defaultLocale' | 'fallback'>): Translator {
  const fallbackLng: Record<string, string[]> = { default: [toLng(config.defaultLocale)] };
  for (const locale of LOCALES) fallbackLng[toLng(locale)] = config.fallback[locale].map(toLng);

  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: loadResources(),
    lng: toLng(config.defaultLocale),
    supportedLngs: LOCALES.map(toLng),
    fallbackLng,
    ns: ['labels', 'errors', 'import'],
    defaultNS: 'labels',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);

  const chains = new Map<LocaleCode, LocaleCode[]>(
    LOCALES.map((locale) => [locale, instance.services.languageUtils.toResolveHierarchy(toLng(locale)).map(fromLng)]),
  );

  // Resources never change while running: a label without parameters is looked up once.
  const labels = new Map<string, string>();
  const dates = new LRUCache<string, string>({ max: DATE_LABELS_KEPT });
  const translate = (locale: LocaleCode, key: string, options?: Record<string, unknown>) => instance.t(key, { ...options, lng: toLng(locale) }) as string;
  return {
    t: (locale, key, options) => {
      if (options) return translate(locale, key, options);
      const id = `${locale}\u0000${key}`;
      let label = labels.get(id);
      if (label === undefined) {
        label = translate(locale, key);
        labels.set(id, label);
      }
      return label;
    },
    date: (locale, key, date) => {
      const id = `${locale}\u0000${key}\u0000${date.getTime()}`;
      let label = dates.get(id);
      if (label === undefined) {
        label = translate(locale, key, { date });
        dates.set(id, label);
      }
      return label;
    },
    chain: (locale) => chains.get(locale) ?? [locale],
  };
}
