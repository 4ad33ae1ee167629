import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nigerUsTroops } from '../../../src/seed/data/afp-2024-04-niger-us-troops.js';
import { normalizeText, parseDispatch } from '../../../src/import/parse-dispatch.js';
import { projectRoot } from '../../../src/paths.js';

const seedRaw = readFileSync(path.join(projectRoot, 'src/seed/data/afp-2024-04-niger-us-troops.fr.txt'), 'utf8');

describe('parseDispatch on the seed dispatch', () => {
  const { article } = nigerUsTroops;

  it('gives back the curated lede and body, headings included', () => {
    const parsed = parseDispatch(seedRaw, 'FR');
    expect(parsed.lede).toBe(article.fr.lede);
    expect(parsed.body).toEqual(article.fr.body);
  });

  it('keeps the month precision of `date 2024-04` and finds no dateline in the text', () => {
    expect(parseDispatch(seedRaw, 'FR')).toMatchObject({
      published: '2024-04',
      datePrecision: 'MONTH',
      dateline: null,
      agency: null, // the seed's 'AFP' comes from the import request, not from the text
      warnings: [],
    });
  });

  it('reads the same text with CRLF, non-breaking spaces and ragged blank lines', () => {
    const messy = seedRaw
      .replace(/\n/g, '\r\n')
      .replace(/ de /g, ' de\u00A0 ')
      .replace(/\r\n\r\n/g, '\r\n \t\r\n\r\n');
    expect(parseDispatch(messy, 'FR')).toEqual(parseDispatch(seedRaw, 'FR'));
  });
});

describe('parseDispatch dates', () => {
  it.each([
    ['date 2024\n\nTexte.', '2024', 'YEAR'],
    ['date 2024-04\n\nTexte.', '2024-04', 'MONTH'],
    ['date 2024-04-19\nTexte.', '2024-04-19', 'DAY'],
    [' date 2024-04 Texte sur la même ligne.', '2024-04', 'MONTH'],
    ['date 2024-02-29\n\nTexte.', '2024-02-29', 'DAY'],
    ['date 2024-04\n\nParis, 19 avr 2024 (AFP) - Texte.', '2024-04', 'MONTH'], // the date line wins
    ['Paris, 19 avr 2024 (AFP) - Texte.', '2024-04-19', 'DAY'],
    ['PORT-AU-PRINCE, 3 mars 2024 (AFP) — Texte.', '2024-03-03', 'DAY'],
    ['LONDON, April 19, 2024 (Reuters) - Text.', '2024-04-19', 'DAY'],
  ])('%j → %s (%s)', (text, published, datePrecision) => {
    expect(parseDispatch(text, 'FR')).toMatchObject({ published, datePrecision, warnings: [] });
  });

  it.each([['date 2023-02-29'], ['date 2024-13'], ['date 2024-04-31'], ['date 24-04']])('%s is reported, not guessed', (line) => {
    expect(parseDispatch(`${line}\n\nTexte.`, 'FR')).toMatchObject({
      published: null,
      datePrecision: null,
      lede: 'Texte.',
      warnings: [{ code: 'invalidDate', params: { value: line.slice(5) } }],
    });
  });

  it('warns when nothing dates the text (a dateline without a year does not)', () => {
    for (const text of ['Un texte sans date.', 'WASHINGTON, April 19 (Reuters) - Text.']) {
      expect(parseDispatch(text, 'EN')).toMatchObject({ published: null, datePrecision: null, warnings: [{ code: 'noDate', params: {} }] });
    }
  });
});

describe('parseDispatch datelines', () => {
  it.each([
    ['Niamey (AFP) - Les Etats-Unis ont accepté.', 'Niamey', 'AFP', 'Les Etats-Unis ont accepté.'],
    ['WASHINGTON, April 19 (Reuters) - The United States agreed.', 'Washington', 'Reuters', 'The United States agreed.'],
    ['Paris, 19 avr 2024 (AFP) - Le texte.', 'Paris', 'AFP', 'Le texte.'],
    ['NIAMEY, Niger, May 2 (AP) -- The text.', 'Niamey', 'AP', 'The text.'],
    ["N'DJAMENA (AFP) – Le texte.", "N'Djamena", 'AFP', 'Le texte.'],
    ["ABIDJAN, CÔTE D'IVOIRE (AFP) — Le texte.", 'Abidjan', 'AFP', 'Le texte.'],
  ])('%s', (text, dateline, agency, lede) => {
    expect(parseDispatch(text, 'FR')).toMatchObject({ dateline, agency, lede });
  });

  it.each([
    ['Africa Corps -- perçu comme le successeur de Wagner -- a confirmé.'],
    ["L'Union africaine (UA) a salué l'accord."],
    ['Le président (élu en 2021) a été renversé - selon ses partisans.'],
  ])('none in %j', (text) => {
    expect(parseDispatch(text, 'FR')).toMatchObject({ dateline: null, agency: null, lede: text });
  });
});

describe('parseDispatch paragraphs', () => {
  it('splits on any number of blank lines, joins hard-wrapped lines', () => {
    const text = 'Chapô sur\ndeux lignes.\n\n\n\n  \t \nPremier\n   paragraphe.\n\nSecond.';
    expect(parseDispatch(text, 'FR')).toMatchObject({
      lede: 'Chapô sur deux lignes.',
      body: [
        { kind: 'TEXT', text: 'Premier paragraphe.' },
        { kind: 'TEXT', text: 'Second.' },
      ],
    });
  });

  it.each([['- Manifestation -'], ['-- Manifestation --'], ['– Manifestation –'], ['— Manifestation —'], ['-Manifestation-'], ['-\u00A0Manifestation\u00A0-']])(
    '%j is an intertitle, even without a blank line after it',
    (line) => {
      expect(parseDispatch(`Chapô.\n\n${line}\nTexte.`, 'FR').body).toEqual([
        { kind: 'HEADING', text: 'Manifestation' },
        { kind: 'TEXT', text: 'Texte.' },
      ]);
    },
  );

  it.each([['-- perçu comme le successeur de Wagner --'], ['- une liste à puces'], [`- ${'Un titre bien trop long pour un intertitre '.repeat(3)}-`]])(
    '%j is text',
    (line) => {
      expect(parseDispatch(`Chapô.\n\n${line}`, 'FR').body).toEqual([{ kind: 'TEXT', text: line }]);
    },
  );

  it('normalises stray whitespace but keeps the text as written', () => {
    expect(normalizeText('a\u00A0b\u202Fc\td  e\u200Bf\r\ng\rh\u2028i\uFEFF')).toBe('a b c d ef\ng\nh\ni');
    expect(normalizeText('E\u0301tat')).toBe('État');
    expect(parseDispatch('« d’une »\u00A0:  “x” "y"', 'FR').lede).toBe('« d’une » : “x” "y"');
  });

  it('warns about an empty text and an intertitle in place of the lede', () => {
    expect(parseDispatch(' \n\n\t', 'FR')).toEqual({
      published: null,
      datePrecision: null,
      dateline: null,
      agency: null,
      lede: '',
      body: [],
      warnings: [{ code: 'emptyText', params: {} }],
    });
    expect(parseDispatch('date 2024-04\n\n- Titre -\n\nTexte.', 'FR')).toMatchObject({
      lede: 'Titre',
      body: [{ kind: 'TEXT', text: 'Texte.' }],
      warnings: [{ code: 'ledeIsHeading', params: {} }],
    });
  });
});
