import Negotiator from 'negotiator';
import { LOCALES, type LocaleCode } from '../config.js';
import { toLng, fromLng } from './i18n.js';

const AVAILABLE = LOCALES.map(toLng);

/**
 * Locale named by an Accept-Language header ("fr-CA" → FR, "en-GB,en;q=0.8" → EN), honouring
 * q-values; null when the header names none we serve.
 */
export function negotiateLocale(acceptLanguage: string | undefined): LocaleCode | null {
  if (!acceptLanguage) return null;
  const [best] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages(AVAILABLE);
  return best ? fromLng(best) : null;
}
