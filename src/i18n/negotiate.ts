import { isNonNullType, type GraphQLResolveInfo } from 'graphql';
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
 * The language a field answers in when it says so: its optional `locale` argument ("Language to
 * answer in"), which its errors follow too (authorization and validation included). A required
 * `locale` names the language of the text being written (a translation, an import) and leaves
 * errors in the request's language. Null when the field has neither or it was not given.
 */
export function answerLocale(info: GraphQLResolveInfo, args: Record<string, unknown> | undefined): LocaleCode | null {
  const definition = info.parentType.getFields()[info.fieldName]?.args.find((a) => a.name === 'locale');
  if (!definition || isNonNullType(definition.type)) return null;
  const value = args?.locale;
  return (LOCALES as readonly unknown[]).includes(value) ? (value as LocaleCode) : null;
}

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
