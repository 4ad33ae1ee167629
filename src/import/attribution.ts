import { LEXICON, stripTitles, type Lexicon } from './lexicon.js';
import type { ImportLocale } from './dispatch.types.js';

/**
 * Who a quote is attributed to, read from the words of its sentence around it. Wire copy uses a
 * handful of shapes, tried in this order:
 *   1. a passive judgement right around the quote: `jugée « historique » par X`, `described as "…" by X`;
 *   2. the first attribution after the quote: `selon X`, `according to X`, an incise
 *      `…", a affirmé X` / `…," said X`, or a subject `…," X said` / `…", estime-t-il`;
 *   3. otherwise the nearest one before it: `Selon X, « … »`, `X a déclaré que « … »`,
 *      `X said the plan was "…"`, and a participle (`estimant`, `saying`) hangs the quote on the
 *      subject of the main clause: `le pouvoir a dénoncé l'accord, estimant qu'il était "illégal"`.
 * Pronouns ("il", "she", "selon elle") are returned as such; the caller resolves them.
 */

/** Stands for a quoted span inside the sentence, so the quoted words are never read as the sentence's. */
export const QUOTE_TOKEN = '\uE000';

/** A noun phrase found for a quote. */
export interface Attribution {
  phrase: string;
  pronoun: boolean;
}

interface Token {
  text: string;
  lower: string;
  kind: 'word' | 'quote' | 'punct';
  start: number;
  end: number;
}

/** Longest subject or source phrase, in words: longer runs are clauses, not names. */
const PHRASE_MAX_WORDS = 10;

function tokenize(sentence: string): Token[] {
  return [...sentence.matchAll(/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|\uE000|\S/gu)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    kind: m[0] === QUOTE_TOKEN ? 'quote' : /[\p{L}\p{N}]/u.test(m[0]) ? 'word' : 'punct',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

const isWord = (t: Token | undefined): t is Token => t?.kind === 'word';
const capitalised = (t: Token) => /^\p{Lu}/u.test(t.text);
/** `a-t-il`, `estime-t-elle`, `dit-il`, `ont-ils`: verb and subject pronoun in one token. */
const INVERTED_PRONOUN = /^(?<verb>\p{L}+)(?:-t)?-(?<pronoun>il|elle|on|ils|elles)$/u;

class Reader {
  readonly lexicon: Lexicon;
  constructor(
    readonly tokens: Token[],
    readonly sentence: string,
    locale: ImportLocale,
  ) {
    this.lexicon = LEXICON[locale];
  }

  private text(from: number, to: number): string {
    return this.sentence.slice(this.tokens[from]!.start, this.tokens[to]!.end);
  }

  /** Index of the speech verb at i (possibly after an auxiliary and a -ment/-ly adverb), or -1. */
  private verbAt(i: number): number {
    let j = i;
    if (this.lexicon.auxiliaries.has(this.tokens[j]?.lower ?? '')) j++;
    if (j > i && /(?:ment|ly)$/u.test(this.tokens[j]?.lower ?? '') && !this.lexicon.speechVerbs.has(this.tokens[j]!.lower)) j++;
    return isWord(this.tokens[j]) && this.lexicon.speechVerbs.has(this.tokens[j]!.lower) ? j : -1;
  }

  /** A source marker ("selon", "d'après", "according to") at i: index of the first word after it, or -1. */
  private sourceAt(i: number): number {
    for (const marker of this.lexicon.sourceMarkers) {
      const words = marker.split(' ');
      if (words.every((w, k) => this.tokens[i + k]?.lower === w)) return i + words.length;
    }
    return -1;
  }

  private isPronounInversion(t: Token | undefined): string | null {
    const m = t && INVERTED_PRONOUN.exec(t.lower);
    if (!m?.groups) return null;
    const { verb, pronoun } = m.groups;
    return this.lexicon.auxiliaries.has(verb!) || this.lexicon.speechVerbs.has(verb!) ? pronoun! : null;
  }

  /** Checks a run of words is a plausible speaker: a short noun phrase, not a clause. */
  private phrase(from: number, to: number): Attribution | null {
    const words = this.tokens.slice(from, to + 1);
    if (words.length === 0 || words.length > PHRASE_MAX_WORDS || !words.every(isWord)) return null;
    const [first] = words as [Token];
    // A verb inside means a clause was crossed; "une note" (noun after a determiner) is not one.
    const verb = (w: Token, k: number) => this.lexicon.speechVerbs.has(w.lower) && !(k > 0 && this.lexicon.determiners.has(words[k - 1]!.lower));
    if (words.some((w, k) => this.lexicon.auxiliaries.has(w.lower) || verb(w, k))) return null;
    if (this.lexicon.pronouns.has(first.lower)) return words.length === 1 ? { phrase: first.lower, pronoun: true } : null;
    if (this.lexicon.clauseStarts.has(first.lower) || (this.lexicon.phraseStops.has(first.lower) && !capitalised(first))) return null;
    const elided = /^[ld]['’]/u.test(first.lower);
    const bare = this.lexicon.bareSubjects && words.length <= 3;
    if (!(this.lexicon.determiners.has(first.lower) || capitalised(first) || elided || bare)) return null;
    let phrase = this.text(from, to);
    // Out of its sentence, "Le gouvernement" reads "le gouvernement".
    if (this.lexicon.determiners.has(first.lower)) phrase = phrase.charAt(0).toLowerCase() + phrase.slice(1);
    return { phrase, pronoun: false };
  }

  /** The noun phrase starting at i: after time words and an audience ("à l'AFP"), up to a stop. */
  forward(i: number): Attribution | null {
    let j = i;
    for (;;) {
      if (this.lexicon.timeWords.has(this.tokens[j]?.lower ?? '')) j++;
      else if (this.lexicon.audienceMarkers.has(this.tokens[j]?.lower ?? '')) j += this.lexicon.determiners.has(this.tokens[j + 1]?.lower ?? '') ? 3 : 2;
      else break;
    }
    let end = j;
    while (isWord(this.tokens[end]) && !(end > j && this.lexicon.phraseStops.has(this.tokens[end]!.lower))) end++;
    return end > j ? this.phrase(j, end - 1) : null;
  }

  /** Words back from i to the previous punctuation or quote: [from, i]. */
  private segmentBefore(i: number): number {
    let from = i + 1;
    while (from > 0 && isWord(this.tokens[from - 1])) from--;
    return from;
  }

  /**
   * The subject ending just before token `end`: back to a comma or a clause word ("que", "that"),
   * leading time words dropped. `Le numéro deux …, Kurt Campbell, a …` and `Helen Marsh, who leads
   * on transport, said` have an empty subject slot: the apposition that looks like a name is taken.
   */
  backward(end: number): Attribution | null {
    let from = this.segmentBefore(end - 1);
    for (let k = end - 1; k >= from; k--) {
      if (this.lexicon.clauseStarts.has(this.tokens[k]!.lower) && !capitalised(this.tokens[k]!)) {
        from = k + 1;
        break;
      }
    }
    while (from < end && this.lexicon.timeWords.has(this.tokens[from]!.lower)) from++;
    if (from < end) return this.phrase(from, end - 1);
    if (this.tokens[end - 1]?.text !== ',') return null;
    const appositions: Attribution[] = [];
    let comma = end - 1;
    for (let n = 0; n < 2 && this.tokens[comma]?.text === ','; n++) {
      const start = this.segmentBefore(comma - 1);
      const found = start < comma ? this.phrase(start, comma - 1) : null;
      if (found && !found.pronoun) appositions.push(found);
      comma = start - 1;
    }
    const nameLike = appositions.find((a) => /^\p{Lu}/u.test(a.phrase) && !this.lexicon.determiners.has(a.phrase.split(' ')[0]!.toLowerCase()));
    return nameLike ?? appositions[0] ?? null;
  }

  /** Subject of the sentence's main clause: before its first verb (French: auxiliary; English: a -ed or speech verb). */
  private mainSubject(before: number): Attribution | null {
    for (let i = 1; i < before; i++) {
      const t = this.tokens[i]!;
      const verbLike = this.lexicon.auxiliaries.has(t.lower) || this.lexicon.speechVerbs.has(t.lower) || this.lexicon.simplePast?.test(t.text);
      if (!verbLike) continue;
      const found = this.backward(i);
      if (found) return found;
    }
    return null;
  }

  /** Attribution after the quote at q: the first source, incise or subject met reading on. */
  private after(q: number): Attribution | null {
    for (let j = q; j < this.tokens.length; j++) {
      const source = this.sourceAt(j);
      const sourced = source >= 0 ? this.forward(source) : null;
      if (sourced) return sourced;
      const t = this.tokens[j]!;
      if (t.text !== ',' && t.kind !== 'quote') continue;
      const pronoun = this.isPronounInversion(this.tokens[j + 1]);
      if (pronoun) return { phrase: pronoun, pronoun: true };
      const verb = this.verbAt(j + 1);
      if (verb >= 0) {
        const found = this.forward(verb + 1);
        if (found) return found;
        continue;
      }
      // `…," X said` / `…", le ministre a affirmé`: a short subject, then the verb.
      for (let k = j + 1; isWord(this.tokens[k]) && k <= j + PHRASE_MAX_WORDS; k++) {
        const v = this.verbAt(k);
        if (v < 0) continue;
        const found = this.phrase(j + 1, k - 1);
        if (found) return found;
        break;
      }
    }
    return null;
  }

  /** Attribution before the quote at q: the nearest source or speech verb reading back. */
  private before(q: number): Attribution | null {
    for (let i = q - 1; i >= 0; i--) {
      const t = this.tokens[i]!;
      const source = this.sourceAt(i);
      if (source >= 0 && source <= q) {
        const found = this.forward(source);
        if (found) return found;
      }
      if (this.lexicon.speechParticiples.has(t.lower)) {
        const found = this.mainSubject(i);
        if (found) return found;
      }
      if (this.lexicon.speechVerbs.has(t.lower)) {
        const aux = this.lexicon.auxiliaries.has(this.tokens[i - 1]?.lower ?? '') ? i - 1 : i;
        const found = this.backward(aux);
        if (found) return found;
      }
    }
    return null;
  }

  /** `jugée « historique » par X`, `described as "a success" by X`. */
  private passive(q: number): Attribution | null {
    if (this.tokens[q + 1]?.lower !== this.lexicon.passiveAgent) return null;
    const link = this.lexicon.passiveLinks.has(this.tokens[q - 1]?.lower ?? '') ? 2 : 1;
    return this.lexicon.passiveSpeech.has(this.tokens[q - link]?.lower ?? '') ? this.forward(q + 2) : null;
  }

  attribute(q: number): Attribution | null {
    return this.passive(q) ?? this.after(q) ?? this.before(q);
  }

  /** Someone the sentence reports as speaking, quote or not ("Halvorsen told analysts…"): for a later "she said". */
  speaker(): Attribution | null {
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      const sourced = this.sourceAt(i) >= 0 ? this.forward(this.sourceAt(i)) : null;
      if (sourced) return sourced;
      if (!this.lexicon.speechVerbs.has(t.lower)) continue;
      const aux = this.lexicon.auxiliaries.has(this.tokens[i - 1]?.lower ?? '') ? i - 1 : i;
      const found = (this.tokens[aux - 1]?.text === ',' ? this.forward(i + 1) : null) ?? this.backward(aux);
      if (found) return found;
    }
    return null;
  }
}

/**
 * Attributions of the quotes of one sentence. `masked` is the sentence with each quote replaced by
 * QUOTE_TOKEN, in order; the result has one entry per quote.
 */
export function attributeSentence(masked: string, locale: ImportLocale): { quotes: (Attribution | null)[]; speaker: Attribution | null } {
  const tokens = tokenize(masked);
  const reader = new Reader(tokens, masked, locale);
  const quotes = tokens.flatMap((t, i) => (t.kind === 'quote' ? [reader.attribute(i)] : []));
  return { quotes, speaker: reader.speaker() };
}

/**
 * The part of an attribution that names the speaker, for the entity matcher: a trailing proper
 * name with titles dropped ("le président russe Vladimir Poutine" → "Vladimir Poutine", "Chief
 * Executive Ingrid Halvorsen" → "Ingrid Halvorsen"), else the phrase without its determiner
 * ("la télévision nigérienne" → "télévision nigérienne", an alias of the broadcaster).
 */
export function speakerName(phrase: string, locale: ImportLocale): string {
  const L = LEXICON[locale];
  const words = phrase.split(' ');
  if (L.determiners.has(words[0]!.toLowerCase())) words.shift();
  let from = words.length;
  while (from > 0 && (/^\p{Lu}/u.test(words[from - 1]!) || (from > 1 && from < words.length && L.particles.has(words[from - 1]!)))) from--;
  while (from < words.length && L.particles.has(words[from]!)) from++;
  const name: string[] = words.slice(from);
  if (name.length === 0 || (name.length === 1 && from > 0)) return words.join(' ');
  return stripTitles(name, L).join(' ');
}
