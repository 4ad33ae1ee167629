import { attributeSentence, QUOTE_TOKEN, speakerName } from './attribution.js';
import type { ExtractedQuote, ImportLocale, ImportWarning, ParsedDispatch } from './dispatch.types.js';
import { scanQuotes } from './quote-marks.js';
import { sentenceSpans } from './sentences.js';

/** The words inside the marks: spaces trimmed (« doter » → doter), and the comma English puts before its closing mark. */
function quoteText(inner: string): string {
  return inner.trim().replace(/\s*,$/u, '').trim();
}

/**
 * Every quoted span of the lede and the body, with its paragraph (-1: lede, as in the seed) and
 * its attribution. A span is a quote whatever its length: the seed counts "doter" and
 * "renforcement" as quotes, so a fragment inside a sentence is one too. Intertitles are skipped:
 * a quote there repeats one of the body. Beyond one sentence, two rules:
 * - a pronoun ("il", "she", "selon elle") stands for the last speaker named in this paragraph or
 *   the one before ("Halvorsen told analysts… “…,” she said"), else the quote has no attribution;
 * - a sentence that is nothing but a quote continues the previous quote of its paragraph
 *   (`"…," X said. "…"`).
 */
export function extractQuotes(dispatch: Pick<ParsedDispatch, 'lede' | 'body'>, locale: ImportLocale): { quotes: ExtractedQuote[]; warnings: ImportWarning[] } {
  const quotes: ExtractedQuote[] = [];
  const warnings: ImportWarning[] = [];
  let lastSpeaker: { phrase: string; paragraph: number } | null = null;

  const paragraphs = [{ kind: 'TEXT', text: dispatch.lede }, ...dispatch.body];
  paragraphs.forEach(({ kind, text }, i) => {
    const paragraph = i - 1;
    if (kind === 'HEADING') return;
    const { spans, stray } = scanQuotes(text);
    if (stray.length) warnings.push({ code: 'unbalancedQuotes', params: { paragraph, mark: stray[0]!.mark } });
    let previous: string | null = null;

    for (const sentence of sentenceSpans(text, spans)) {
      const inside = spans.filter((q) => q.start >= sentence.start && q.start < sentence.end);
      let masked = '';
      let at = sentence.start;
      for (const q of inside) {
        masked += text.slice(at, q.start) + QUOTE_TOKEN;
        at = q.end;
      }
      masked += text.slice(at, sentence.end);
      const quoteOnly = !/[\p{L}\p{N}]/u.test(masked);
      const found = attributeSentence(masked, locale);

      inside.forEach((q, k) => {
        const a = found.quotes[k] ?? null;
        let attribution: string | null = null;
        if (a?.pronoun) attribution = lastSpeaker && lastSpeaker.paragraph >= paragraph - 1 ? lastSpeaker.phrase : null;
        else if (a) attribution = a.phrase;
        else if (quoteOnly) attribution = previous;
        const words = quoteText(text.slice(q.inner.start, q.inner.end));
        if (!words) return;
        quotes.push({ text: words, paragraph, attribution, speakerName: attribution && speakerName(attribution, locale) });
        if (attribution) previous = attribution;
      });
      const named = found.quotes.findLast((a) => a && !a.pronoun) ?? (found.speaker?.pronoun ? null : found.speaker);
      if (named) lastSpeaker = { phrase: named.phrase, paragraph };
    }
  });
  return { quotes, warnings };
}
