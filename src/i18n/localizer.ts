import type { LocaleCode } from '../config.js';
import type { Translator } from './i18n.js';
import { pickTranslation, type Picked } from './pick-translation.js';

/** Chooses which stored language version to serve, following the configured i18next chain. */
export interface Localizer {
  pick<T extends { locale: LocaleCode }>(translations: readonly T[], requested: LocaleCode, original: LocaleCode): Picked<T> | null;
}

export const localizerFor = (translator: Translator): Localizer => ({
  pick: (translations, requested, original) => pickTranslation(translations, requested, translator.chain(requested), original),
});
