import type { Span } from './dispatch.types.js';

/** A quoted span: from its opening mark to just after its closing mark; `inner` is between them. */
export interface QuoteSpan extends Span {
  inner: Span;
  mark: string;
}

/** A quote mark left without its pair. */
export interface StrayMark {
  index: number;
  mark: string;
}

/** Opening mark → closing mark. A straight `"` is both, so its role depends on what is open. */
const PAIRS: Readonly<Record<string, string>> = { '«': '»', '“': '”', '"': '"' };
const CLOSERS = new Set(['»', '”']);

/**
 * Finds the quoted spans of one paragraph. Marks nest ("« il a dit “non” »"): only outermost
 * spans are returned, inner marks stay part of the words. Single quotes are not quote marks here:
 * ’ is the French apostrophe ("d’une"), so it cannot be told apart from a closing ‘…’.
 */
export function scanQuotes(text: string): { spans: QuoteSpan[]; stray: StrayMark[] } {
  const open: StrayMark[] = [];
  const spans: QuoteSpan[] = [];
  const stray: StrayMark[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const closing = CLOSERS.has(c) || (c === '"' && open.at(-1)?.mark === '"');
    if (!closing) {
      if (c in PAIRS) open.push({ index: i, mark: c });
      continue;
    }
    const at = open.findLastIndex((o) => PAIRS[o.mark] === c);
    if (at < 0) {
      stray.push({ index: i, mark: c });
      continue;
    }
    stray.push(...open.splice(at + 1)); // opened inside, never closed
    const start = open.pop()!;
    if (open.length === 0) spans.push({ start: start.index, end: i + 1, inner: { start: start.index + 1, end: i }, mark: start.mark });
  }
  stray.push(...open);
  return { spans, stray: stray.sort((a, b) => a.index - b.index) };
}
