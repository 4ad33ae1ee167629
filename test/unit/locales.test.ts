import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResources, createTranslator } from '../../src/i18n/i18n.js';
import { localesDir } from '../../src/paths.js';
import { ERROR_CODES } from '../../src/server/errors.js';
import { EntityType, DatePrecision } from '../../src/common/enums.js';

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

const resources = loadResources();

describe('locales/', () => {
  it('has the same files in every language', () => {
    expect(readdirSync(path.join(localesDir, 'fr')).sort()).toEqual(readdirSync(path.join(localesDir, 'en')).sort());
  });

  it.each(Object.keys(resources.fr!))('%s has the same keys in French and English, none empty', (ns) => {
    const fr = keys(resources.fr![ns] as Tree).sort();
    const en = keys(resources.en![ns] as Tree).sort();
    expect(fr).toEqual(en);
    for (const lng of ['fr', 'en']) {
      for (const key of fr) expect(key.split('.').reduce<unknown>((t, k) => (t as Tree)[k], resources[lng]![ns])).not.toBe('');
    }
  });

  it('has a message for every error code and a label for every entity type and date precision', () => {
    const errors = keys(resources.en!.errors as Tree);
    for (const code of Object.keys(ERROR_CODES)) expect(errors).toContain(code);
    const labels = keys(resources.en!.labels as Tree);
    for (const type of Object.keys(EntityType)) expect(labels).toContain(`entityType.${type}`);
    for (const precision of Object.keys(DatePrecision)) expect(labels).toContain(`date.${precision}`);
  });

  it('formats dates only as precisely as known, in each language', () => {
    const t = createTranslator({ defaultLocale: 'FR', fallback: { FR: ['EN'], EN: ['FR'] } });
    const date = new Date('2024-04-19T08:05:00Z');
    expect(t.t('FR', 'labels:date.YEAR', { date })).toBe('2024');
    expect(t.t('EN', 'labels:date.YEAR', { date })).toBe('2024');
    expect(t.t('FR', 'labels:date.MONTH', { date })).toBe('avril 2024');
    expect(t.t('EN', 'labels:date.MONTH', { date })).toBe('April 2024');
    expect(t.t('FR', 'labels:date.DAY', { date })).toBe('vendredi 19 avril 2024');
    expect(t.t('EN', 'labels:date.DAY', { date })).toBe('Friday, April 19, 2024');
    // A month-precision date sits on the 1st at midnight UTC: no time zone may move it to March.
    expect(t.t('EN', 'labels:date.MONTH', { date: new Date('2024-04-01T00:00:00Z') })).toBe('April 2024');
  });
});
