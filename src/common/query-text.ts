/**
 * Text typed into a search or lookup box, trimmed, with control characters and lone UTF-16
 * surrogates turned into spaces: PostgreSQL text refuses NUL, and neither belongs in a query.
 */
export const cleanQueryText = (raw: string): string => raw.replace(/[\p{Cc}\p{Cs}]/gu, ' ').trim();
