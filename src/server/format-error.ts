import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.js';

const INTERNAL = 'INTERNAL_SERVER_ERROR';
const isInternal = (e: { extensions?: Record<string, unknown> }) => (e.extensions?.code ?? INTERNAL) === INTERNAL;

/**
 * Errors raised on purpose (with a code) and GraphQL's own about the query reach the client as
 * they are. Anything else is a bug or an outage: it reaches the client with no message, SQL,
 * path or stack of its own, and is completed by `errorReporting` below.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!isInternal(formatted)) return formatted;
  return { message: INTERNAL, locations: formatted.locations, path: formatted.path, extensions: { code: INTERNAL } };
}

/** Logs unexpected errors with the request id, and tells the client that id in its language. */
export const errorReporting: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors.filter(isInternal)) {
          contextValue.logger.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue.requestId }, 'unexpected error');
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const message = contextValue.translator.t(contextValue.locale, 'errors:INTERNAL_SERVER_ERROR', { requestId: contextValue.requestId });
        response.body.singleResult.errors = response.body.singleResult.errors.map((e) => (isInternal(e) ? { ...e, message } : e));
      },
    };
  },
};
