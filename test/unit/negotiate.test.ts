import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../../src/i18n/negotiate.js';

describe('negotiateLocale', () => {
  it.each([
    ['fr', 'FR'],
    ['fr-CA', 'FR'],
    ['FR-fr', 'FR'],
    ['en', 'EN'],
    ['en-GB,en;q=0.8', 'EN'],
    ['en-US,fr;q=0.9', 'EN'],
    ['fr;q=0.4,en;q=0.6', 'EN'],
    ['de-DE,de;q=0.9,fr;q=0.8,en;q=0.7', 'FR'],
    ['de-DE, de;q=0.9, en;q=0.5', 'EN'],
    ['*, en;q=0.1', 'EN'],
    ['en;q=0, fr', 'FR'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it.each([[undefined], [''], ['*'], ['de'], ['zh-Hant-TW, ja;q=0.5'], [';;;,,'], ['en;q=0']])('%s → no preference', (header) => {
    expect(negotiateLocale(header)).toBeNull();
  });
});
