/**
 * A search as typed, made cheap to run: each word, "phrase" or -exclusion kept once (the first
 * time it appears, compared without case and accents), `OR` kept between what remains. Repeating
 * a word changes nothing in which texts match, only how much ranking them costs.
 */
export interface SearchTerms {
  /** The query to parse (websearch syntax), duplicates gone. */
  text: string;
  /** Distinct words it holds, phrases counted word by word: what the ranking has to weigh. */
  distinct: number;
  /**
   * Words or phrases it asks for, not counting -exclusions: a query made only of exclusions
   * ("-niger") matches nearly everything and no index can find it, only reading every text.
   */
  wanted: number;
}

const TOKENS = /-?"[^"]*"?|\S+/g;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordsOf = (token: string) => fold(token).match(/[\p{L}\p{N}]+/gu) ?? [];

export function searchTerms(query: string): SearchTerms {
  const seen = new Set<string>();
  const words = new Set<string>();
  const kept: string[] = [];
  let wanted = 0;
  for (const token of query.match(TOKENS) ?? []) {
    if (token === 'OR') {
      // Never first, never twice in a row: "a OR a OR b" reads "a OR b".
      if (kept.length > 0 && kept.at(-1) !== 'OR') kept.push(token);
      continue;
    }
    const key = fold(token).replace(/"/g, '').trim();
    if (seen.has(key)) continue;
    seen.add(key);
    const tokenWords = wordsOf(token);
    for (const word of tokenWords) words.add(word);
    if (!token.startsWith('-') && tokenWords.length > 0) wanted++;
    kept.push(token);
  }
  if (kept.at(-1) === 'OR') kept.pop();
  return { text: kept.join(' '), distinct: words.size, wanted };
}
