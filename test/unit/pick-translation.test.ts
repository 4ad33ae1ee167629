import { describe, expect, it } from 'vitest';
import { pickTranslation } from '../../src/i18n/pick-translation.js';
import { createTranslator } from '../../src/i18n/i18n.js';

const fr = { locale: 'FR' as const, text: 'bonjour' };
const en = { locale: 'EN' as const, text: 'hello' };

describe('pickTranslation', () => {
  it('serves the requested language when it exists', () => {
    expect(pickTranslation([fr, en], 'EN', ['EN', 'FR'], 'FR')).toEqual({ text: en, locale: 'EN', isFallback: false });
  });

  it('follows the chain, then the original language', () => {
    expect(pickTranslation([fr], 'EN', ['EN', 'FR'], 'FR')).toEqual({ text: fr, locale: 'FR', isFallback: true });
    expect(pickTranslation([fr], 'EN', ['EN'], 'FR')).toEqual({ text: fr, locale: 'FR', isFallback: true });
  });

  it('serves whatever exists rather than nothing, and null for no text at all', () => {
    expect(pickTranslation([en], 'FR', ['FR'], 'FR')).toEqual({ text: en, locale: 'EN', isFallback: true });
    expect(pickTranslation([], 'FR', ['FR', 'EN'], 'FR')).toBeNull();
  });
});

describe('fallback chains from i18next', () => {
  it('default to the other language', () => {
    const t = createTranslator({ defaultLocale: 'FR', fallback: { FR: ['EN'], EN: ['FR'] } });
    expect(t.chain('FR')).toEqual(['FR', 'EN']);
    expect(t.chain('EN')).toEqual(['EN', 'FR']);
  });

  it('follow the configuration', () => {
    const t = createTranslator({ defaultLocale: 'EN', fallback: { FR: ['FR'], EN: ['FR'] } });
    expect(t.chain('FR')).toEqual(['FR']);
    expect(t.chain('EN')).toEqual(['EN', 'FR']);
  });
});
