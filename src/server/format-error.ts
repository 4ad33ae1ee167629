import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Context } from './context.js';
import { refusalStatus } from './errors.js';

const INTERNAL = 'INTERNAL_SERVER_ERROR';
const UNAVAILABLE = 'SERVICE_UNAVAILABLE';
const MASKED = new Set([INTERNAL, UNAVAILABLE]);
const codeOf = (e: { extensions?: Record<string, unknown> }) => (e.extensions?.code as string | undefined) ?? INTERNAL;

/**
 * Errors raised on purpose (with a code) and GraphQL's own about the query reach the client as
 * they are. Anything else is an outage or a bug: it reaches the client with no message, SQL, path
 * or stack of its own, as SERVICE_UNAVAILABLE or INTERNAL_SERVER_ERROR, completed by `errorReporting`.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (codeOf(formatted) !== INTERNAL) return formatted;
  const code = isDatabaseUnavailable(unwrapResolverError(error)) ? UNAVAILABLE : INTERNAL;
  return { message: code, locations: formatted.locations, path: formatted.path, extensions: { code } };
}

/** Logs masked errors with the request id, and tells the client that id in its language. */
export const errorReporting: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors.filter((e) => codeOf(e) === INTERNAL)) {
          const outage = isDatabaseUnavailable(error.originalError);
          contextValue.logger[outage ? 'warn' : 'error'](
            { err: error.originalError ?? error, path: error.path, requestId: contextValue.requestId },
            outage ? 'database unavailable' : 'unexpected error',
          );
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const { translator, locale, requestId } = contextValue;
        response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
          MASKED.has(codeOf(e)) && e.message === codeOf(e) ? { ...e, message: translator.t(locale, `errors:${codeOf(e)}`, { requestId }) } : e,
        );
      },
    };
  },
};

/**
 * What to throw when building a request's context failed (the token lookup needs the database).
 * Apollo answers context failures without running `errorReporting`: an outage becomes here a
 * localized SERVICE_UNAVAILABLE with HTTP 503 (no data could be served at all), anything else is
 * rethrown as it is.
 */
export function contextFailure(err: unknown, translator: Translator, locale: LocaleCode, requestId: string, logger: Logger): unknown {
  if (!isDatabaseUnavailable(err)) return err;
  logger.warn({ err, requestId }, 'database unavailable');
  return new GraphQLError(translator.t(locale, `errors:${UNAVAILABLE}`, { requestId }), {
    extensions: { code: UNAVAILABLE, http: refusalStatus(UNAVAILABLE) },
  });
}
