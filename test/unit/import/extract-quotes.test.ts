import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nigerUsTroops } from '../../../src/seed/data/afp-2024-04-niger-us-troops.js';
import { speakerName } from '../../../src/import/attribution.js';
import { extractQuotes } from '../../../src/import/extract-quotes.js';
import type { ImportLocale, Paragraph } from '../../../src/import/dispatch.types.js';
import { parseDispatch } from '../../../src/import/parse-dispatch.js';
import { scanQuotes } from '../../../src/import/quote-marks.js';
import { projectRoot } from '../../../src/paths.js';

const seedRaw = readFileSync(path.join(projectRoot, 'src/seed/data/afp-2024-04-niger-us-troops.fr.txt'), 'utf8');

/** Quotes of a one-paragraph text (its lede). */
const quotesOf = (lede: string, locale: ImportLocale, body: Paragraph[] = []) => extractQuotes({ lede, body }, locale);

describe('extractQuotes on the seed dispatch', () => {
  const { quotes, warnings } = extractQuotes(parseDispatch(seedRaw, 'FR'), 'FR');

  it('finds the 8 curated quotes, fragments included, in their paragraphs', () => {
    expect(quotes.map((q) => [q.text, q.paragraph])).toEqual(nigerUsTroops.article.quotes.map((q) => [q.fr, q.paragraph]));
    expect(warnings).toEqual([]);
  });

  it('derives every curated attribution', () => {
    // "le pouvoir" is the subject of the main clause; the quotes sit in a participle clause ("…,
    // estimant que … "imposé unilatéralement""), and the participle hangs them on that subject
    // (the reporting verb "a dénoncé" further back would give the same answer).
    expect(quotes.map((q) => q.attribution)).toEqual(nigerUsTroops.article.quotes.map((q) => q.attribution.fr));
  });

  it('hands the entity matcher the name-like core of each attribution', () => {
    // "télévision (publique) nigérienne" are aliases of the rtn entity: the next step finds the curated speaker.
    expect([...new Set(quotes.map((q) => q.speakerName))]).toEqual([
      'pouvoir',
      'télévision publique nigérienne',
      'télévision nigérienne',
      'communiqué officiel nigérien',
    ]);
  });
});

describe('quote marks', () => {
  it.each([
    ['straight', 'Il a parlé d\'un accord "imposé" et "illégal".', ['imposé', 'illégal']],
    ['typographic', 'He called it “a blunt instrument” and “rushed”.', ['a blunt instrument', 'rushed']],
    ['French, spaces inside trimmed', 'Un prix «\u00A0historique\u00A0» puis « juste » et «\u202Fenfin\u202F».', ['historique', 'juste', 'enfin']],
    ['nested, kept in the outer quote', '« Il m’a dit “non” hier », raconte-t-elle.', ['Il m’a dit “non” hier']],
    ['straight inside French', '« Le mot "illégal" est fort », a dit le juge.', ['Le mot "illégal" est fort']],
    ['apostrophes are not marks', 'Il n’a pas dit "l’accord" ni ‘rien’.', ['l’accord']],
    ['English comma inside the marks dropped', '"We will leave," he said.', ['We will leave']],
    ['empty marks skipped', 'Un "" vide et « » aussi.', []],
  ])('%s', (_what, text, expected) => {
    expect(quotesOf(text, 'FR').quotes.map((q) => q.text)).toEqual(expected);
  });

  it.each([
    ['an unclosed «', '« Nous partirons, a-t-il dit.', '«'],
    ['a stray »', 'Il a dit non » hier.', '»'],
    ['a stray ”', 'He said no” yesterday.', '”'],
    ['an odd number of straight marks', '"We will leave," he said. "Nobody asked.', '"'],
    ['a mark left open inside a closed pair', '« Il a dit “non » hier.', '“'],
  ])('warn about %s, by paragraph', (_what, text, mark) => {
    const { warnings } = quotesOf('Chapô.', 'EN', [
      { kind: 'TEXT', text: 'Rien.' },
      { kind: 'TEXT', text },
    ]);
    expect(warnings).toEqual([{ code: 'unbalancedQuotes', params: { paragraph: 1, mark } }]);
  });

  it('still takes the balanced quotes of a paragraph with a stray mark', () => {
    expect(quotesOf('"We will leave," he said. "Nobody asked.', 'EN').quotes.map((q) => q.text)).toEqual(['We will leave']);
    expect(scanQuotes('« a » b » « c').stray.map((s) => s.mark)).toEqual(['»', '«']);
  });

  it('skips intertitles', () => {
    expect(quotesOf('Chapô.', 'FR', [{ kind: 'HEADING', text: '"Illégale"' }]).quotes).toEqual([]);
  });
});

describe('attributions', () => {
  it.each([
    // French: incises and sources after the quote
    ['FR', '« Nous partirons », a affirmé le ministre.', ['le ministre']],
    ['FR', "« Nous partirons », a déclaré mardi à l'AFP le porte-parole du gouvernement.", ['le porte-parole du gouvernement']],
    ['FR', '« Nous partirons », explique Adama Koné, agronome.', ['Adama Koné']],
    ['FR', '« Nous partirons », estiment les experts.', ['les experts']],
    ['FR', "« Nous partirons », d'après un diplomate.", ['un diplomate']],
    ['FR', '« Nous partirons », selon le Premier ministre Ali Mahamane Lamine Zeine.', ['le Premier ministre Ali Mahamane Lamine Zeine']],
    ['FR', 'Un accord qualifié de « historique » par Moscou et « inutile » selon Kiev.', ['Moscou', 'Kiev']],
    // French: attributions before the quote
    ['FR', 'Le ministre a déclaré : « Nous partirons. »', ['le ministre']],
    ['FR', 'Selon le ministre, « rien n’est décidé ».', ['le ministre']],
    ['FR', 'Le numéro deux de la diplomatie, Kurt Campbell, a estimé que la décision était « souveraine ».', ['Kurt Campbell']],
    ['FR', 'Mardi le gouvernement a qualifié l’accord de « caduc ».', ['le gouvernement']],
    ['FR', 'Le pouvoir a rompu l’accord, jugeant sa présence « illégale » et « inutile ».', ['le pouvoir', 'le pouvoir']],
    // English
    ['EN', '"We will leave," said John Smith, a spokesman.', ['John Smith']],
    ['EN', '"We will leave," John Smith said on Tuesday.', ['John Smith']],
    ['EN', '"We will leave," the ministry said in a statement.', ['the ministry']],
    ['EN', 'According to the ministry, the plan is "dead".', ['the ministry']],
    ['EN', 'Smith told Reuters the deal was "done".', ['Smith']],
    ['EN', 'The ministry rejected the report, calling it "baseless".', ['the ministry']],
    ['EN', 'The plan was described as "a gamble" by analysts.', ['analysts']],
    ['EN', 'Officials have called it "a clear success".', ['Officials']],
  ] as const)('%s: %s', (locale, text, attributions) => {
    expect(quotesOf(text, locale).quotes.map((q) => q.attribution)).toEqual(attributions);
  });

  it.each([
    ['a term in quotes', 'La maladie du « swollen shoot » ravage les vergers.', 'FR'],
    ['a pronoun with no one named before', '« C’est fini », a-t-il dit.', 'FR'],
    ['an English pronoun with no one named before', '"It is over," she said.', 'EN'],
  ] as const)('none for %s', (_what, text, locale) => {
    expect(quotesOf(text, locale).quotes[0]).toMatchObject({ attribution: null, speakerName: null });
  });

  it('resolves a pronoun to the last speaker of this paragraph or the one before', () => {
    const body: Paragraph[] = [
      { kind: 'TEXT', text: '« Rien n’est décidé », a-t-il dit. Selon lui, « tout reste possible ».' },
      { kind: 'TEXT', text: 'Le marché a reculé.' },
      { kind: 'TEXT', text: '« Je reviendrai », a-t-il promis.' },
    ];
    expect(quotesOf('Jean Dupont a répondu aux députés mardi.', 'FR', body).quotes.map((q) => [q.paragraph, q.attribution])).toEqual([
      [0, 'Jean Dupont'],
      [0, 'Jean Dupont'],
      [2, null], // two paragraphs on: too far to guess
    ]);
  });

  it('carries an attribution over a sentence that is only a quote', () => {
    const text = '“We came,” Halvorsen said. “We stayed.” Then she left. “Why?”';
    expect(quotesOf(text, 'EN').quotes.map((q) => [q.text, q.attribution])).toEqual([
      ['We came', 'Halvorsen'],
      ['We stayed.', 'Halvorsen'],
      ['Why?', 'Halvorsen'],
    ]);
  });
});

describe('speakerName', () => {
  it.each([
    ['la télévision nigérienne', 'FR', 'télévision nigérienne'],
    ['le président russe Vladimir Poutine', 'FR', 'Vladimir Poutine'],
    ['le Premier ministre Ali Mahamane Lamine Zeine', 'FR', 'Ali Mahamane Lamine Zeine'],
    ['le ministre de la Défense', 'FR', 'ministre de la Défense'],
    ['Kurt Campbell', 'FR', 'Kurt Campbell'],
    ['Chief Executive Ingrid Halvorsen', 'EN', 'Ingrid Halvorsen'],
    ['Fjellberg Securities analyst Lars Berget', 'EN', 'Lars Berget'],
    ['the Leeds Chamber of Trade', 'EN', 'Leeds Chamber of Trade'],
    ['the Defense Department', 'EN', 'Defense Department'],
    ['the Pentagon', 'EN', 'Pentagon'],
  ] as const)('%s → %s', (phrase, locale, name) => {
    expect(speakerName(phrase, locale)).toBe(name);
  });
});
