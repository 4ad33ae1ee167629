import type { ImportLocale, Span } from './dispatch.types.js';
import { LEXICON, stripTitles } from './lexicon.js';
import { isSentenceStart } from './sentences.js';

/** The names (name and aliases, in the text's language) by which one entity can appear. */
export interface EntityNames {
  entityKey: string;
  names: string[];
}

export interface Mention extends Span {
  entityKey: string;
  /** The name as found: "Burkina" for Burkina Faso. */
  form: string;
}

export interface EntityCount {
  entityKey: string;
  count: number;
  /** Distinct forms found, in order of first appearance. */
  forms: string[];
}

const WORD_CHAR_BEFORE = /[\p{L}\p{N}]$/u;
const WORD_CHAR_AFTER = /^[\p{L}\p{N}]/u;

/**
 * Every mention of a known entity, by the seed's counting rule (src/seed/data/README.md): whole
 * words (no letter or digit right before or after, so "l'AFP" counts and "Nigeria" is not
 * "Niger"), case- and accent-sensitive ("Etats-Unis" and "États-Unis" are two aliases), all names
 * of all entities tried longest first, and a match never overlaps a span a longer name took
 * ("Ali Mahamane Lamine Zeine" is not also "Zeine"). Names are compared in NFC; offsets are
 * offsets in `text`, which parseDispatch already gives in NFC. A name listed for two entities
 * counts for the first.
 */
export function findMentions(text: string, entities: readonly EntityNames[]): Mention[] {
  const seen = new Set<string>();
  const candidates = entities
    .flatMap((e) => e.names.map((name) => ({ entityKey: e.entityKey, name: name.normalize('NFC').trim() })))
    .filter((c) => c.name && !seen.has(c.name) && seen.add(c.name))
    .sort((a, b) => b.name.length - a.name.length); // stable: ties keep the entities' order

  const taken = new Uint8Array(text.length);
  const mentions: Mention[] = [];
  for (const { entityKey, name } of candidates) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (WORD_CHAR_BEFORE.test(text.slice(Math.max(0, at - 2), at)) || WORD_CHAR_AFTER.test(text.slice(end, end + 2))) continue;
      if (taken.subarray(at, end).some(Boolean)) continue;
      taken.fill(1, at, end);
      mentions.push({ entityKey, form: name, start: at, end });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Mention counts per entity (entities never found are left out), in the order the entities were given. */
export function matchEntities(text: string, entities: readonly EntityNames[]): EntityCount[] {
  const mentions = findMentions(text, entities);
  return entities.flatMap(({ entityKey }) => {
    const own = mentions.filter((m) => m.entityKey === entityKey);
    return own.length ? [{ entityKey, count: own.length, forms: [...new Set(own.map((m) => m.form))] }] : [];
  });
}

export interface Candidate {
  name: string;
  count: number;
}

interface Word extends Span {
  text: string;
}

/**
 * Words, with what cannot start a name cut off: a lower-case French elision ("l'Union" → "Union",
 * "d'Abdourahamane" → "Abdourahamane"), an elided article opening a sentence ("L'Union") and a
 * possessive ("Norway's" → "Norway"). Dotted acronyms ("U.S.") are one word.
 */
function words(text: string): Word[] {
  return [...text.matchAll(/(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)].map((m) => {
    let start = m.index;
    let word = m[0];
    const elision = /^(?:[lLdD]|qu|jusqu|lorsqu|puisqu|[nsjcmt])['’](?=\p{Lu})/u.exec(word);
    if (elision) [start, word] = [start + elision[0].length, word.slice(elision[0].length)];
    word = word.replace(/['’]s$/u, '');
    return { text: word, start, end: start + word.length };
  });
}

/**
 * Capitalised word sequences that may be names no entity has yet, with how often each appears.
 * A sequence is capitalised words, linked by particles ("Côte d'Ivoire", "Bank of England",
 * "University of Leeds"), minus common words, leading titles and the capital every sentence opens
 * with: at a sentence start a lone word is only kept if it is elsewhere a name (or a word of one),
 * and a leading common word is dropped ("Selon Bruno Kassi" → "Bruno Kassi"). A sequence wholly
 * inside known mentions is no candidate; one that extends a known name is ("Leeds City Council"
 * with "Leeds" known), except across a particle after the known name ("la Russie de Vladimir …" is
 * a genitive, not a name) or after a known acronym ("l'AFP Mariam Ouattara", "US President X").
 */
export function findCandidates(text: string, known: readonly Span[], locale: ImportLocale): Candidate[] {
  const L = LEXICON[locale];
  const covered = new Uint8Array(text.length);
  for (const k of known) covered.fill(1, k.start, k.end);
  const isKnown = (w: Span) => covered.subarray(w.start, w.end).some(Boolean);
  const all = words(text);
  const capital = (w: Word) => /^\p{Lu}/u.test(w.text) || /^(?:al|el)-\p{Lu}/u.test(w.text);

  // 1. Runs of capitalised words, linked by single spaces, by up to two particles ("Bank of
  //    England", "Côte d'Ivoire") or by ". " after an initial ("Kurt M. Campbell").
  const runs: Word[][] = [];
  for (let i = 0; i < all.length; i++) {
    if (!capital(all[i]!)) continue;
    const run = [all[i]!];
    let j = i + 1;
    for (;;) {
      const prev = run.at(-1)!;
      let k = j;
      while (k < all.length && k - j < 2 && L.particles.has(all[k]!.text)) k++;
      const next = all[k];
      if (!next || !capital(next)) break;
      const gap = text.slice(prev.end, next.start);
      const linked = /^(?: \p{Ll}+)* (?:\p{Ll}+['’])?$/u.test(gap) || (/^\p{Lu}$/u.test(prev.text) && gap === '. ');
      // After a known name, "la Russie de Vladimir …" is a genitive and "l'AFP Mariam …" two names.
      if (!linked || (isKnown(prev) && (gap.trim() !== '' || /^\p{Lu}{2,}$/u.test(prev.text)))) break;
      run.push(...all.slice(j, k + 1));
      j = k + 1;
    }
    runs.push(run);
    i = j - 1;
  }

  // 2. Trim each run to a name: [a, b) of its words. Lone words opening a sentence are set apart.
  const counts = new Map<string, { count: number; first: number }>();
  const sentenceOpeners: { name: string; start: number }[] = [];
  const add = (name: string, start: number) => {
    const c = counts.get(name);
    counts.set(name, { count: (c?.count ?? 0) + 1, first: Math.min(c?.first ?? start, start) });
  };
  for (const run of runs) {
    const opensSentence = isSentenceStart(text, run[0]!.start);
    let a = 0;
    let b = run.length;
    if (opensSentence && b > 1 && L.sentenceAdverb.test(run[0]!.text)) a++;
    while (a < b && (L.commonWords.has(run[a]!.text) || L.particles.has(run[a]!.text))) a++;
    while (b > a && L.particles.has(run[b - 1]!.text)) b--;
    a =
      b -
      stripTitles(
        run.slice(a, b).map((w) => w.text),
        L,
      ).length;
    const kept = run.slice(a, b);
    if (kept.length === 0 || kept.every(isKnown)) continue;
    const name = text.slice(kept[0]!.start, kept.at(-1)!.end);
    if (kept.length === 1 && L.loneAdjective?.test(name)) continue;
    if (opensSentence && run.length === 1) sentenceOpeners.push({ name, start: kept[0]!.start });
    else add(name, kept[0]!.start);
  }
  const nameWords = new Set([...counts.keys()].flatMap((n) => n.split(' ')));
  for (const { name, start } of sentenceOpeners) if (counts.has(name) || nameWords.has(name)) add(name, start);

  return [...counts.entries()].sort((a, b) => a[1].first - b[1].first).map(([name, { count }]) => ({ name, count }));
}
