import slugify from '@sindresorhus/slugify';
import { nigerUsTroops } from '../seed/data/afp-2024-04-niger-us-troops.js';
import type { SynthEntity } from './entities.js';
import { Random, Zipf } from './random.js';
import { AGENCIES, GENERIC_SPEAKERS, HEADINGS, QUOTES, QUOTE_SENTENCES, ROLES, SENTENCES, TITLES, TOPICS, WEEKDAYS, type Pair } from './vocabulary.js';

export type Locale = 'FR' | 'EN';
interface Paragraph {
  kind: 'TEXT' | 'HEADING';
  text: string;
}
interface ArticleText {
  title: string;
  lede: string;
  body: Paragraph[];
}
interface SynthQuote {
  speaker: number | null;
  text: Record<Locale, string>;
  attribution: Record<Locale, string>;
}
export interface SynthArticle {
  index: number;
  slug: string;
  sourceLocale: Locale;
  status: 'PUBLISHED' | 'DRAFT' | 'ARCHIVED';
  publishedAt: Date | null;
  /** Null exactly when `publishedAt` is (drafts): an undated article has no precision. */
  datePrecision: 'MONTH' | 'DAY' | 'TIME' | null;
  createdAt: Date;
  agency: string | null;
  /** Entity index of the dateline, a place the article mentions. */
  dateline: number | null;
  /** The source text always; the other language unless this article was never translated. */
  text: Partial<Record<Locale, ArticleText>>;
  translationOrigin: 'HUMAN' | 'MACHINE';
  quotes: SynthQuote[];
  /** Entity index → times the lede and body name it (at least 1). */
  mentions: Map<number, number>;
}

const FIRST_DAY = Date.UTC(2012, 0, 1);
const LAST_DAY = Date.UTC(2025, 9, 31);
const HOUR = 3_600_000;

/** Real paragraphs of the seed dispatch, in both languages, mixed in now and then. */
const SEED_PARAGRAPHS: Pair[] = nigerUsTroops.article.fr.body.flatMap((p, i) =>
  p.kind === 'TEXT' ? [[p.text, nigerUsTroops.article.en.body[i]!.text] as const] : [],
);

// French contractions after filling a slot with "le Conseil", "les Accords", "Le Cap"…
const CONTRACTIONS: [RegExp, string][] = [
  [/\bde le /g, 'du '],
  [/\bde les /g, 'des '],
  [/\bà le /g, 'au '],
  [/\bà les /g, 'aux '],
  [/\bde Le /g, 'du '],
  [/\bà Le /g, 'au '],
];
const frenchFix = (s: string) => CONTRACTIONS.reduce((t, [re, to]) => t.replace(re, to), s);
const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Builds articles one by one from (seed, index) alone: article i is the same in a data set of
 * 1,000 or of 50,000, so the smaller sets are prefixes of the larger ones.
 */
export class ArticleGenerator {
  private readonly zipf: Zipf;
  /** Entities in popularity order (a seeded shuffle): the first ones appear in thousands of articles. */
  private readonly byPopularity: SynthEntity[];

  constructor(
    private readonly seed: number,
    entities: SynthEntity[],
  ) {
    this.byPopularity = new Random(seed ^ 0x0b0b).shuffle([...entities]);
    this.zipf = new Zipf(entities.length, 0.8);
  }

  article(index: number): SynthArticle {
    const random = new Random((Math.imul(this.seed, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    const sourceLocale: Locale = random.chance(0.8) ? 'FR' : 'EN';
    // 80% French originals of which a quarter stay untranslated: ~20% of articles have no English.
    const translated = sourceLocale === 'FR' ? random.chance(0.75) : random.chance(0.85);
    const roll = random.next();
    const status = roll < 0.93 ? 'PUBLISHED' : roll < 0.97 ? 'DRAFT' : 'ARCHIVED';
    const precisionRoll = random.next();
    const datePrecision = precisionRoll < 0.55 ? 'TIME' : precisionRoll < 0.95 ? 'DAY' : 'MONTH';
    let day = FIRST_DAY + random.next() * (LAST_DAY - FIRST_DAY);
    if (datePrecision === 'DAY') day -= day % (24 * HOUR);
    if (datePrecision === 'MONTH') day = Date.UTC(new Date(day).getUTCFullYear(), new Date(day).getUTCMonth(), 1);
    day -= day % 1000;
    const publishedAt = status === 'DRAFT' ? null : new Date(day);
    const createdAt = new Date(day - random.int(1, 48) * HOUR);

    const mentioned = new Map<number, SynthEntity>();
    const wanted = random.int(3, 15);
    while (mentioned.size < wanted) {
      const entity = this.byPopularity[this.zipf.sample(random)]!;
      mentioned.set(entity.index, entity);
    }
    const ofType = (type: SynthEntity['type']) => [...mentioned.values()].filter((e) => e.type === type);
    const people = ofType('PERSON');
    const places = ofType('PLACE');
    const counts = new Map<number, number>([...mentioned.keys()].map((k) => [k, 0]));

    const fill = (template: Pair, count: boolean, extra: Record<string, Pair> = {}): Pair => {
      let [fr, en] = template;
      const entitySlot: Record<string, SynthEntity['type']> = { P: 'PERSON', O: 'ORGANIZATION', L: 'PLACE', E: 'EVENT' };
      const generic: Record<string, Pair> = {
        P: ['un responsable', 'an official'],
        O: ['le ministère', 'ministry'],
        L: ['la capitale', 'the capital'],
        E: ['le dernier sommet', 'last summit'],
      };
      for (const slot of ['P', 'O', 'L', 'E', 'T', 'R', 'D', 'N', 'Q']) {
        if (!fr.includes(`{${slot}}`)) continue;
        let value: Pair;
        if (extra[slot]) value = extra[slot];
        else if (entitySlot[slot]) {
          const candidates = ofType(entitySlot[slot]);
          if (candidates.length === 0) value = generic[slot]!;
          else {
            const entity = random.pick(candidates);
            if (count) counts.set(entity.index, counts.get(entity.index)! + 1);
            value = entity.inText;
          }
        } else if (slot === 'T') value = random.pick(TOPICS);
        else if (slot === 'R') value = random.pick(ROLES);
        else if (slot === 'D') value = random.pick(WEEKDAYS);
        else value = ((n) => [n, n] as const)(String(random.int(2, 900) * (random.chance(0.3) ? 1000 : 1)));
        fr = fr.replaceAll(`{${slot}}`, value[0]);
        en = en.replaceAll(`{${slot}}`, value[1]);
      }
      return [sentenceCase(frenchFix(fr)), sentenceCase(en)];
    };

    const title = fill(random.pick(TITLES), false);
    const lede = fill(random.pick(SENTENCES), true);
    const paragraphs: { kind: Paragraph['kind']; sentences: Pair[] }[] = [];
    const length = random.int(6, 12);
    for (let p = 0; p < length; p++) {
      if (p >= 2 && p < length - 1 && random.chance(0.12)) paragraphs.push({ kind: 'HEADING', sentences: [random.pick(HEADINGS)] });
      else if (random.chance(0.06)) paragraphs.push({ kind: 'TEXT', sentences: [random.pick(SEED_PARAGRAPHS)] });
      else paragraphs.push({ kind: 'TEXT', sentences: Array.from({ length: random.int(2, 3) }, () => fill(random.pick(SENTENCES), true)) });
    }

    const quotes: SynthQuote[] = [];
    const textParagraphs = paragraphs.filter((p) => p.kind === 'TEXT');
    for (let q = random.int(0, 8); q > 0; q--) {
      const speaker = people.length > 0 && random.chance(0.8) ? random.pick(people) : null;
      const said = random.pick(QUOTES);
      const who: Pair = speaker ? speaker.inText : random.pick(GENERIC_SPEAKERS);
      if (speaker) counts.set(speaker.index, counts.get(speaker.index)! + 1);
      random.pick(textParagraphs).sentences.push(fill(random.pick(QUOTE_SENTENCES), false, { Q: said, P: who }));
      quotes.push({ speaker: speaker?.index ?? null, text: { FR: said[0], EN: said[1] }, attribution: { FR: who[0], EN: who[1] } });
    }

    const textIn = (l: 0 | 1): ArticleText => ({
      title: title[l],
      lede: lede[l],
      body: paragraphs.map((p) => ({ kind: p.kind, text: p.sentences.map((s) => s[l]).join(' ') })),
    });
    const other: Locale = sourceLocale === 'FR' ? 'EN' : 'FR';
    const text: SynthArticle['text'] = { [sourceLocale]: textIn(sourceLocale === 'FR' ? 0 : 1) };
    if (translated) text[other] = textIn(other === 'FR' ? 0 : 1);
    const sourceTitle = text[sourceLocale]!.title;

    return {
      index,
      slug: `${slugify(sourceTitle).slice(0, 80).replace(/-+$/, '')}-${index + 1}`,
      sourceLocale,
      status,
      publishedAt,
      datePrecision: publishedAt ? datePrecision : null,
      createdAt,
      agency: random.pick(AGENCIES),
      dateline: places.length > 0 && random.chance(0.7) ? random.pick(places).index : null,
      text,
      translationOrigin: random.chance(0.7) ? 'HUMAN' : 'MACHINE',
      quotes,
      mentions: new Map([...counts].map(([k, n]) => [k, Math.max(1, n)])),
    };
  }
}
