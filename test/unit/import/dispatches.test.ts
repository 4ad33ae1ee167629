import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/import/extract-quotes.js';
import type { ImportLocale } from '../../../src/import/dispatch.types.js';
import { findCandidates, findMentions, matchEntities, type EntityNames } from '../../../src/import/match-entities.js';
import { parseDispatch } from '../../../src/import/parse-dispatch.js';
import { projectRoot } from '../../../src/paths.js';

/** Parses a fixture dispatch and runs every step on it, as the importer will. */
function importFixture(file: string, locale: ImportLocale, known: EntityNames[]) {
  const raw = readFileSync(path.join(projectRoot, 'test/fixtures/dispatches', file), 'utf8');
  const parsed = parseDispatch(raw, locale);
  const text = [parsed.lede, ...parsed.body.map((p) => p.text)].join('\n\n');
  const mentions = findMentions(text, known);
  return {
    parsed,
    kinds: parsed.body.map((p) => p.kind),
    ...extractQuotes(parsed, locale),
    counts: matchEntities(text, known).map((c) => [c.entityKey, c.count]),
    candidates: findCandidates(text, mentions, locale).map((c) => (c.count > 1 ? `${c.name}×${c.count}` : c.name)),
  };
}

const attributed = (quotes: { text: string; paragraph: number; attribution: string | null }[]) => quotes.map((q) => [q.paragraph, q.text, q.attribution]);

describe('a French AFP dispatch: dateline, « » with no-break spaces, selon X, -- intertitre --', () => {
  const result = importFixture('afp-2024-04-abidjan-cacao.fr.txt', 'FR', [
    { entityKey: 'ivory-coast', names: ["Côte d'Ivoire"] },
    { entityKey: 'abidjan', names: ['Abidjan'] },
    { entityKey: 'afp', names: ['Agence France-Presse', 'AFP'] },
  ]);

  it('parses date, dateline and paragraphs', () => {
    const { parsed } = result;
    expect(parsed).toMatchObject({ published: '2024-04-02', datePrecision: 'DAY', dateline: 'Abidjan', agency: 'AFP', warnings: [] });
    expect(parsed.lede).toMatch(/^Les producteurs de cacao ivoiriens .* porté à 1\.500 francs CFA le kilo, une mesure jugée « historique » par/);
    expect(result.kinds).toEqual(['TEXT', 'TEXT', 'TEXT', 'TEXT', 'HEADING', 'TEXT', 'TEXT', 'TEXT', 'TEXT']);
    expect(parsed.body[4]).toEqual({ kind: 'HEADING', text: 'Récolte en baisse' });
    expect(parsed.body[5]!.text).toMatch(/^La récolte principale 2023-2024 devrait reculer de près de 20 %, /);
    expect([parsed.lede, ...parsed.body.map((p) => p.text)].join('')).not.toMatch(/[\u00A0\u202F\t]| {2}/);
  });

  it('finds every quote with its attribution', () => {
    expect(attributed(result.quotes)).toEqual([
      [-1, 'historique', 'leurs syndicats'], // "jugée « … » par X"
      [-1, 'encore insuffisante', "plusieurs coopératives de l'Ouest"],
      [1, "C'est une bonne nouvelle, mais elle arrive tard", 'Mariam Ouattara'], // "a déclaré à l'AFP X"
      [2, 'bien en dessous du barème officiel', 'Mariam Ouattara'], // "Selon elle": the speaker of the paragraph before
      [3, 'responsable', 'un communiqué publié'], // the phrase stops at "à l'issue du Conseil des ministres"
      [3, 'sécuriser le revenu des paysans sans fragiliser la filière', 'un communiqué publié'],
      [5, 'swollen shoot', null], // a term, said by nobody
      [6, 'Les arbres ont plus de trente ans, ils ne produisent presque plus', 'Adama Koné'],
      [7, 'ne couvre toujours pas les coûts de production', 'Yacouba Diomandé'], // the apposition, not "le président de …"
      [8, "plusieurs contrats signés l'an dernier ne pourront pas être honorés", 'Bruno Kassi'],
    ]);
    expect(result.quotes.map((q) => q.speakerName)).toContain('Mariam Ouattara');
    expect(result.warnings).toEqual([]);
  });

  it('counts known entities and proposes the unknown names', () => {
    expect(result.counts).toEqual([
      ['ivory-coast', 1],
      ['afp', 1],
    ]);
    // "Abidjan" only appears in the dateline, taken out of the lede. "Conseil" is the capitalised
    // head of "Conseil du café-cacao" and "Conseil des ministres": lower-case words end a name.
    expect(result.candidates).toEqual([
      'CFA×2',
      'Conseil×2',
      'Londres',
      'New York',
      'Mariam Ouattara',
      'Soubré×2',
      'Adama Koné',
      'Daloa',
      'Union',
      'Yacouba Diomandé',
      'Bruno Kassi',
      'Ivoire Commodities',
    ]);
  });
});

describe('an English Reuters dispatch: CITY, Month D (Reuters) -, “ ” quotes, X said, according to X', () => {
  const result = importFixture('reuters-2024-05-oslo-salmon.en.txt', 'EN', [
    { entityKey: 'oslo', names: ['Oslo'] },
    { entityKey: 'norway', names: ['Norway', 'Kingdom of Norway'] },
    { entityKey: 'reuters', names: ['Reuters'] },
  ]);

  it('parses date, dateline and paragraphs', () => {
    expect(result.parsed).toMatchObject({ published: '2024-05-14', datePrecision: 'DAY', dateline: 'Oslo', agency: 'Reuters', warnings: [] });
    expect(result.parsed.lede).toMatch(/^Norwegian salmon farmer Nordvik Aqua cut its 2024 harvest forecast/);
    expect(result.kinds).toEqual(Array(7).fill('TEXT'));
  });

  it('finds every quote with its attribution', () => {
    expect(attributed(result.quotes)).toEqual([
      [1, 'The biological situation in Troms has been more challenging than we anticipated', 'Chief Executive Ingrid Halvorsen'],
      [1, 'We are taking the necessary measures, but they will take time.', 'Chief Executive Ingrid Halvorsen'], // quote-only sentence
      [2, 'clearly unsustainable level', 'Fjellberg Securities analyst Lars Berget'],
      [3, 'a blunt instrument', 'the industry'], // "which the industry has called"
      [4, 'Our balance sheet is solid', 'Halvorsen'], // "she said", after "Halvorsen told analysts"
      [6, 'Investors are punishing anyone with exposure to the north right now', 'Marte Lunde'],
      [6, 'The question is whether this is a one-off.', 'Marte Lunde'],
    ]);
    expect(result.quotes.map((q) => q.speakerName)).toEqual([
      'Ingrid Halvorsen',
      'Ingrid Halvorsen',
      'Lars Berget',
      'industry',
      'Halvorsen',
      'Marte Lunde',
      'Marte Lunde',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('counts known entities and proposes the unknown names', () => {
    // "Oslo" twice: "early Oslo trading" and inside "Oslo Seafood Index", a name that is no entity yet.
    expect(result.counts).toEqual([
      ['oslo', 2],
      ['norway', 1],
    ]);
    // "Norwegian" is an adjective; "Halvorsen" opens its sentence but is a word of "Ingrid Halvorsen".
    expect(result.candidates).toEqual([
      'Nordvik Aqua×2',
      'Troms',
      'Ingrid Halvorsen',
      'Fjellberg Securities',
      'Lars Berget',
      'Halvorsen',
      'Oslo Seafood Index',
      'Havbruk Nord',
      'Kystlaks',
      'Marte Lunde',
      'Bryggen Kapital',
    ]);
  });
});

describe('a plain English text: no date, no dateline, hard-wrapped, a quote never closed', () => {
  const result = importFixture('plain-leeds-school-streets.en.txt', 'EN', [{ entityKey: 'leeds', names: ['Leeds'] }]);

  it('parses paragraphs and warns that the text is undated', () => {
    expect(result.parsed).toMatchObject({ published: null, datePrecision: null, dateline: null, agency: null });
    expect(result.parsed.warnings).toEqual([{ code: 'noDate', params: {} }]);
    expect(result.parsed.lede).toBe(
      'Leeds City Council on Wednesday approved a plan to close streets outside 32 primary schools to cars at drop-off and pick-up times, after a two-year trial that officials described as "a clear success".',
    );
    expect(result.kinds).toEqual(Array(5).fill('TEXT'));
  });

  it('finds the balanced quotes and warns about the open one', () => {
    expect(attributed(result.quotes)).toEqual([
      [-1, 'a clear success', 'officials'],
      [1, 'parents adapt much faster than anyone expected', 'Councillor Helen Marsh'], // past ", who leads on transport,"
      [2, 'push congestion onto the next street', 'the Leeds Chamber of Trade'],
      [2, 'rushed', 'the Leeds Chamber of Trade'], // ", calling the consultation": the main clause's subject
      [3, 'We have had no evidence that footfall will hold up', 'Omar Siddiqui'],
    ]);
    expect(result.quotes[1]!.speakerName).toBe('Helen Marsh');
    expect(result.warnings).toEqual([{ code: 'unbalancedQuotes', params: { paragraph: 3, mark: '"' } }]);
  });

  it('proposes names that extend a known one', () => {
    expect(result.counts).toEqual([['leeds', 3]]);
    expect(result.candidates).toEqual([
      'Leeds City Council',
      'Headingley',
      'Armley',
      'University of Leeds',
      'Helen Marsh',
      'Leeds Chamber of Trade',
      'Omar Siddiqui',
      'Otley Road',
    ]);
  });
});
