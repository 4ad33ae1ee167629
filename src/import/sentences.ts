import type { Span } from './dispatch.types.js';
import { ABBREVIATIONS } from './lexicon.js';

/** Marks that may follow a sentence's final punctuation: `. »`, `."`, `.)`. Sticky: read at an offset, no copy. */
const CLOSERS = /(?:\s?[»”"')\]])*/uy;
/** What a new sentence starts with: a capital, a digit or an opening mark. */
const NEXT_SENTENCE = /\s+[\p{Lu}\p{N}«“"(]/uy;
const SPACES = /\s*/uy;

/** Length of the match of a sticky regex at `index`. */
function matchLength(re: RegExp, text: string, index: number): number {
  re.lastIndex = index;
  return re.exec(text)?.[0].length ?? -1;
}

/**
 * Whether the dot ending `before` belongs to an abbreviation rather than ending a sentence:
 * an initial ("Kurt M. Campbell"), a dotted acronym ("U.S.") or a listed title ("Gen.", "M.").
 */
function isAbbreviation(before: string): boolean {
  const word = /[\p{L}.]+$/u.exec(before)?.[0] ?? '';
  return /^\p{Lu}$/u.test(word) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word);
}

/**
 * Sentences of a paragraph, as spans. A stop inside a quote does not end the sentence unless the
 * quote closes right after it ("« Nous partirons. » Le ministre…"): otherwise `"Nous partirons.
 * Demain," a-t-il dit` would separate the words from their attribution.
 */
export function sentenceSpans(text: string, quotes: readonly Span[] = []): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?…]+/gu)) {
    const stop = m.index;
    const end = stop + m[0].length + matchLength(CLOSERS, text, stop + m[0].length);
    if (end < text.length && matchLength(NEXT_SENTENCE, text, end) < 0) continue;
    if (m[0] === '.' && isAbbreviation(text.slice(Math.max(0, stop - 20), stop))) continue;
    if (quotes.some((q) => q.start < stop && stop < q.end && q.end > end)) continue;
    spans.push({ start, end });
    start = end + matchLength(SPACES, text, end);
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/**
 * Whether the word at `index` opens a sentence, so its capital says nothing about it being a name:
 * start of a paragraph, after . ! ? … (not an abbreviation), after an opening quote mark or a colon.
 */
export function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (i < 0 || text[i] === '\n') return true;
  const c = text[i]!;
  if (c === '«' || c === '“' || c === ':' || (c === '"' && (i === 0 || /[\s(]/u.test(text[i - 1]!)))) return true;
  while (i >= 0 && /[\s»”"')\]]/u.test(text[i]!)) i--;
  if (i < 0) return true;
  if (!/[.!?…]/u.test(text[i]!)) return false;
  return text[i] !== '.' || !isAbbreviation(text.slice(Math.max(0, i - 20), i));
}
