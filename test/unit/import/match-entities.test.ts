import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nigerUsTroops } from '../../../src/seed/data/afp-2024-04-niger-us-troops.js';
import { findCandidates, findMentions, matchEntities, type EntityNames } from '../../../src/import/match-entities.js';
import type { ImportLocale } from '../../../src/import/dispatch.types.js';
import { parseDispatch } from '../../../src/import/parse-dispatch.js';
import { projectRoot } from '../../../src/paths.js';

const seedRaw = readFileSync(path.join(projectRoot, 'src/seed/data/afp-2024-04-niger-us-troops.fr.txt'), 'utf8');
const seed = parseDispatch(seedRaw, 'FR');
/** Lede, body and intertitles, as the README's counting rule reads them. */
const seedText = [seed.lede, ...seed.body.map((p) => p.text)].join('\n\n');
const seedNames: EntityNames[] = nigerUsTroops.entities.map((e) => ({ entityKey: e.key, names: [e.fr.name, ...e.fr.aliases] }));

describe('matchEntities on the seed dispatch', () => {
  it('gives the curated mention count of every seed entity', () => {
    const counts = matchEntities(seedText, seedNames);
    expect(counts.map((c) => ({ entity: c.entityKey, count: c.count }))).toEqual(nigerUsTroops.article.mentions);
    expect(counts).toHaveLength(nigerUsTroops.entities.length);
  });

  it('reports the forms found, as the README table lists them', () => {
    const forms = Object.fromEntries(matchEntities(seedText, seedNames).map((c) => [c.entityKey, c.forms]));
    expect(forms).toMatchObject({
      russia: ['Russie', 'fédération de Russie'],
      'burkina-faso': ['Burkina Faso', 'Burkina'],
      'islamic-state': ['groupe Etat islamique', 'EI'],
      rtn: ['télévision publique nigérienne', 'télévision nigérienne'],
      'ali-mahamane-lamine-zeine': ['Ali Mahamane Lamine Zeine'],
      afp: ['AFP'],
      france: ['ex-puissance coloniale française'],
    });
  });

  it('leaves no capitalised name unexplained', () => {
    expect(findCandidates(seedText, findMentions(seedText, seedNames), 'FR')).toEqual([]);
  });
});

describe('the counting rule', () => {
  const names: EntityNames[] = [
    { entityKey: 'niger', names: ['Niger'] },
    { entityKey: 'zeine', names: ['Zeine', 'Ali Mahamane Lamine Zeine'] },
    { entityKey: 'us', names: ['Etats-Unis', 'États-Unis'] },
    { entityKey: 'afp', names: ['AFP'] },
    { entityKey: 'g7', names: ['G7'] },
    { entityKey: 'is', names: ['Etat islamique', 'groupe Etat islamique'] },
  ];
  const count = (text: string) => Object.fromEntries(matchEntities(text, names).map((c) => [c.entityKey, c.count]));

  it.each([
    ['whole words only', 'Le Nigeria et le Niger, le G77 et le G7.', { niger: 1, g7: 1 }],
    ['letters beyond ASCII are letters', 'Un Nigérien du Niger.', { niger: 1 }],
    ['an elided article is no letter', "selon l'AFP et l’AFP", { afp: 2 }],
    ['case-sensitive', 'niger, NIGER, Niger', { niger: 1 }],
    ['accents count', 'Les Etats-Unis et les États-Unis, pas les Etats-unis.', { us: 2 }],
    ['the longest name first, never twice', 'Ali Mahamane Lamine Zeine, puis Zeine.', { zeine: 2 }],
    ['a longer alias takes the span', 'le groupe Etat islamique (EI) et l’Etat islamique', { is: 2 }],
  ])('%s', (_what, text, expected) => {
    expect(count(text)).toEqual(expected);
  });

  it('compares names in NFC', () => {
    expect(count('Les États-Unis.'.normalize('NFC'))).toEqual({ us: 1 });
    expect(matchEntities('Les États-Unis.', [{ entityKey: 'us', names: ['États-Unis'.normalize('NFD')] }])).toEqual([
      { entityKey: 'us', count: 1, forms: ['États-Unis'] },
    ]);
  });

  it('gives spans and forms in text order', () => {
    expect(findMentions('Zeine et Ali Mahamane Lamine Zeine', names)).toEqual([
      { entityKey: 'zeine', form: 'Zeine', start: 0, end: 5 },
      { entityKey: 'zeine', form: 'Ali Mahamane Lamine Zeine', start: 9, end: 34 },
    ]);
    expect(matchEntities('Zeine et Ali Mahamane Lamine Zeine', names)).toEqual([
      { entityKey: 'zeine', count: 2, forms: ['Zeine', 'Ali Mahamane Lamine Zeine'] },
    ]);
  });
});

describe('findCandidates', () => {
  const candidates = (text: string, locale: ImportLocale, known: string[] = []) =>
    findCandidates(
      text,
      findMentions(
        text,
        known.map((name) => ({ entityKey: name, names: [name] })),
      ),
      locale,
    );

  it.each([
    ['FR', 'Selon Bruno Kassi, le marché a reculé.', [], ['Bruno Kassi']],
    ['FR', 'Mardi, le marché a reculé. Récemment Kassi a parlé.', [], ['Kassi']],
    ['FR', 'Kassi a parlé. Puis Bruno Kassi et Kassi ont parlé.', [], ['Kassi×2', 'Bruno Kassi']],
    ['FR', "La Côte d'Ivoire et la Banque de France.", [], ["Côte d'Ivoire", 'Banque de France']],
    ['FR', "Le Premier ministre Ali Lamine Zeine à l'Union africaine.", [], ['Ali Lamine Zeine', 'Union']],
    ['FR', "la Russie de Vladimir Poutine et la France d'Emmanuel Macron", ['Russie', 'Vladimir Poutine', 'France'], ['Emmanuel Macron']],
    ['FR', "Il l'a dit à l'AFP Mariam Ouattara, de l'AFP.", ['AFP'], ['Mariam Ouattara']],
    ['FR', 'Le mot « Nous » ouvre la citation : « Après tout », dit-il.', [], []],
    ['EN', 'Foreign Minister Sergei Ivanov met the Defense Department in the U.S. Army base.', [], ['Sergei Ivanov', 'Defense Department', 'U.S. Army']],
    ['EN', 'Shares fell in early Oslo trading, at 80 Norwegian crowns, on the Oslo Seafood Index.', ['Oslo'], ['Oslo Seafood Index']],
    ['EN', 'Kurt M. Campbell met Abu Bakr al-Baghdadi in May and on Tuesday.', [], ['Kurt M. Campbell', 'Abu Bakr al-Baghdadi']],
    ['EN', "Norway's regulator and the University of Leeds.", ['Norway', 'Leeds'], ['University of Leeds']],
  ] as const)('%s: %s', (locale, text, known, expected) => {
    const found = candidates(text, locale, [...known]).map((c) => (c.count > 1 ? `${c.name}×${c.count}` : c.name));
    expect(found).toEqual(expected);
  });
});
