import Negotiator from 'negotiator';
import { LOCALES, type LocaleCode } from '../config.js';
import { toLng, fromLng } from './i18n.js';

const AVAILABLE = LOCALES.map(toLng);

// "*" accepts anything, which is no preference: the server default should answer it, not
// whichever locale happens to be listed first (Node's fetch sends "accept-language: *").
const withoutWildcards = (header: string) =>
  header
    .split(',')
    .filter((range) => range.split(';')[0]!.trim() !== '*')
    .join(',');

/**
 * Locale named by an Accept-Language header ("fr-CA" → FR, "en-GB,en;q=0.8" → EN), honouring
 * q-values; null when the header names none we serve.
 */
export function negotiateLocale(acceptLanguage: string | undefined): LocaleCode | null {
  const ranges = acceptLanguage && withoutWildcards(acceptLanguage);
  if (!ranges) return null;
  const [best] = new Negotiator({ headers: { 'accept-language': ranges } }).languages(AVAILABLE);
  return best ? fromLng(best) : null;
}
