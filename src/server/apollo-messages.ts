import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Config, LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import { requestLocale } from './http-edge.js';

/**
 * Apollo refuses some requests before there is a context (CSRF, batches, a body with no query)
 * and formats them without telling whose request it was: the language negotiated at the door
 * travels with the request's async work instead.
 */
const doorLocale = new AsyncLocalStorage<LocaleCode>();

/** Express middleware right before Apollo's: what follows runs in the request's language. */
export function inRequestLocale(config: Pick<Config, 'defaultLocale'>): RequestHandler {
  return (req, _res, next) => doorLocale.run(requestLocale(req, config), next);
}

/** Apollo's own English messages, by what identifies each, and our key in locales/<lng>/errors.json (`apollo.*`). */
const APOLLO_MESSAGES: [RegExp, string][] = [
  [/^Operation batching disabled\.$/, 'batching'],
  [/^POST body missing, invalid Content-Type, or JSON object has no keys\.$/, 'bodyMissing'],
  [/Cross-Site Request Forgery \(CSRF\)/, 'csrf'],
  [/^GET requests only support query operations, not (?<operation>\w+) operations$/, 'getMutation'],
  [/^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/, 'noQuery'],
];

/**
 * Apollo's messages in the caller's language. BAD_REQUEST only ever comes from Apollo here (ours
 * are answered by Express before it): a message not in the list gets the generic BAD_REQUEST one,
 * Apollo's English kept in `extensions.detail`. PersistedQueryNotFound keeps its message, which
 * Apollo's mobile clients match exactly to send the query text again; the explanation is in
 * `extensions.localizedMessage`.
 */
export function localizeApolloMessage(formatted: GraphQLFormattedError, translator: Translator, fallback: LocaleCode): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const locale = doorLocale.getStore() ?? fallback;
  if (code === 'PERSISTED_QUERY_NOT_FOUND') {
    return { ...formatted, extensions: { ...formatted.extensions, localizedMessage: translator.t(locale, 'errors:apollo.persistedQueryNotFound') } };
  }
  if (code !== 'BAD_REQUEST') return formatted;
  for (const [pattern, key] of APOLLO_MESSAGES) {
    const match = pattern.exec(formatted.message);
    if (match) return { ...formatted, message: translator.t(locale, `errors:apollo.${key}`, { ...match.groups }) };
  }
  return { ...formatted, message: translator.t(locale, 'errors:BAD_REQUEST'), extensions: { ...formatted.extensions, detail: formatted.message } };
}
