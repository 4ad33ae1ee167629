import { Random } from './random.js';
import {
  DESCRIPTIONS,
  DOMAINS,
  EVENT_KINDS,
  FIRST_NAMES,
  LAST_NAMES,
  OPERATION_NAMES,
  ORG_KINDS,
  PLACES,
  ROLES,
  TOWN_SYLLABLES,
  type Pair,
} from './vocabulary.js';

type EntityType = 'PERSON' | 'ORGANIZATION' | 'PLACE' | 'EVENT' | 'OTHER';

interface EntityText {
  name: string;
  description: string;
  aliases: string[];
}

export interface SynthEntity {
  /** Position in the data set, 0-based; the row id is this plus the load's id offset. */
  index: number;
  key: string;
  type: EntityType;
  fr: EntityText;
  en: EntityText;
  /** How running text names it: French organisations and events take an article ("la Banque…"). */
  inText: Pair;
}

/** Shares of each type, in the order they are built (places first: the others are named after them). */
const SHARES: [EntityType, number][] = [
  ['PLACE', 0.26],
  ['PERSON', 0.4],
  ['ORGANIZATION', 0.24],
  ['EVENT', 0.06],
  ['OTHER', 0.04],
];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const FR_ARTICLE: Record<string, string> = {
  'Agence nationale': "l'",
  Office: "l'",
  Conseil: 'le ',
  Institut: "l'",
  Fédération: 'la ',
  Syndicat: 'le ',
  Banque: 'la ',
  Commission: 'la ',
  Observatoire: "l'",
  Sommet: 'le ',
  Conférence: 'la ',
  Accords: 'les ',
  Forum: 'le ',
  Élections: 'les ',
  Crise: 'la ',
  Opération: "l'",
};
const withArticle = (name: string) => (FR_ARTICLE[Object.keys(FR_ARTICLE).find((k) => name.startsWith(k)) ?? ''] ?? '') + name;
const acronym = (name: string) =>
  name
    .split(/[\s'’-]+/)
    .filter((w) => w.length > 3 || /^[A-ZÉ]/.test(w))
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** `count` entities of every type, with names and aliases in both languages; unique names per language. */
export function generateEntities(seed: number, count: number): SynthEntity[] {
  const random = new Random(seed ^ 0x5eed_e17);
  const entities: SynthEntity[] = [];
  const taken = { fr: new Set<string>(), en: new Set<string>() };
  const add = (type: EntityType, fr: EntityText, en: EntityText, inText: Pair) => {
    if (taken.fr.has(fr.name) || taken.en.has(en.name)) return false;
    taken.fr.add(fr.name);
    taken.en.add(en.name);
    const index = entities.length;
    entities.push({ index, key: `synth-${type.toLowerCase()}-${index + 1}`, type, fr, en, inText });
    return true;
  };
  const describe = (type: EntityType, place: Pair, role: Pair): Pair =>
    DESCRIPTIONS[type].map((d, l) => d.replace('{L}', place[l]!).replace('{R}', role[l]!.replace(/^the |^an? /, ''))) as unknown as Pair;
  const places: Pair[] = [];
  const town = () => capitalize(Array.from({ length: random.int(2, 3) }, () => random.pick(TOWN_SYLLABLES)).join(''));

  for (const [type, share] of SHARES) {
    const target = entities.length + Math.round(count * share);
    let attempts = 0;
    while (entities.length < (type === 'OTHER' ? count : target) && attempts++ < count * 50) {
      const role = random.pick(ROLES);
      if (type === 'PLACE') {
        const real = places.length < PLACES.length;
        const name: Pair = real ? PLACES[places.length]! : ((n) => [n, n] as const)(town());
        const [dfr, den] = describe(type, name, role);
        const ok = add(
          type,
          { name: name[0], description: dfr, aliases: [`ville de ${name[0]}`] },
          { name: name[1], description: den, aliases: [`${name[1]} city`] },
          name,
        );
        if (ok) places.push(name);
      } else if (type === 'PERSON') {
        const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
        const last = name.slice(name.indexOf(' ') + 1);
        const initial = `${name[0]}. ${last}`;
        const [dfr, den] = describe(type, random.pick(places), role);
        add(type, { name, description: dfr, aliases: [initial, `M. ${last}`] }, { name, description: den, aliases: [initial, `Mr ${last}`] }, [name, name]);
      } else if (type === 'ORGANIZATION') {
        const [kind, domain, place] = [random.pick(ORG_KINDS), random.pick(DOMAINS), random.pick(places)];
        const fr = `${kind[0]} ${domain[0]} de ${place[0]}`;
        const en = `${place[1]} ${domain[1]} ${kind[1]}`;
        const [dfr, den] = describe(type, place, role);
        add(type, { name: fr, description: dfr, aliases: [acronym(fr)] }, { name: en, description: den, aliases: [acronym(en)] }, [withArticle(fr), en]);
      } else if (type === 'EVENT') {
        const [kind, place, year] = [random.pick(EVENT_KINDS), random.pick(places), random.int(2005, 2025)];
        const fr = `${kind[0].replace('{L}', place[0])} ${year}`;
        const en = `${kind[1].replace('{L}', place[1])} ${year}`;
        const [dfr, den] = describe(type, place, role);
        add(
          type,
          { name: fr, description: dfr, aliases: [fr.replace(/ \d+$/, '').toLowerCase()] },
          { name: en, description: den, aliases: [`${year} ${en.replace(/ \d+$/, '')}`] },
          [withArticle(fr), en],
        );
      } else {
        const codename = `${random.pick(OPERATION_NAMES)} ${random.int(1, 99)}`;
        const [dfr, den] = describe(type, random.pick(places), role);
        add(
          type,
          { name: `Opération ${codename}`, description: dfr, aliases: [codename] },
          { name: `Operation ${codename}`, description: den, aliases: [codename] },
          [`l'opération ${codename}`, `Operation ${codename}`],
        );
      }
    }
  }
  return entities;
}
