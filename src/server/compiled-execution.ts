import { GraphQLError, execute, getVariableValues, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { MEASURE_CACHE } from './limits.js';
import type { Context } from './context.js';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];

/**
 * Documents compiled, counted: tests read it to prove a document is compiled once, not per
 * request; and documents left to graphql-js because jit refused variables that graphql-js accepts.
 */
export const COMPILATIONS = { documents: 0, interpreted: 0 };

/**
 * jit's errors pass for graphql-js's GraphQLError (same prototype) but are built by jit: one from
 * a plain Error has no `extensions` at all, and Apollo, reading `extensions.code`, would fail to
 * format it (a database outage would not read as SERVICE_UNAVAILABLE). Rebuilt as graphql-js's
 * locatedError builds them: the thrown error as originalError, its extensions, path and locations.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  // graphql-js computes locations from the field nodes, which jit's errors do not keep.
  return Object.assign(rebuilt, { locations: error.locations });
}

/**
 * graphql-jit in place of graphql-js's execute, through Apollo's gateway interface (its only
 * executor hook). Apollo still parses, validates and runs every plugin, and still wraps the
 * schema's resolvers for willResolveField (cache hints); only execution is compiled, once per
 * document text and operation name.
 *
 * Apollo expects load() to have called the onSchemaLoadOrUpdate listener before it resolves
 * (apollo-server issue 7340: otherwise start() fails with "You must call start() before
 * getSchemaDerivedData()"), so the listener is kept and called from load().
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  // 'interpret': a document jit cannot run as graphql-js does.
  const compiled = new LRUCache<string, CompiledQuery | 'interpret'>({ max: MEASURE_CACHE.DOCUMENTS });
  const listeners = new Set<Parameters<Gateway['onSchemaLoadOrUpdate']>[0]>();
  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async load() {
      const coreSupergraphSdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl });
      return {
        async executor({ document, queryHash, operation, operationName, request, context }): Promise<ExecutionResult> {
          const variables = request.variables ?? {};
          const interpret = () => execute({ schema, document, operationName, contextValue: context, variableValues: variables });
          // A document (text) may hold several operations: each compiles on its own.
          const key = `${queryHash}:${operationName ?? ''}`;
          let query = compiled.get(key);
          if (query === 'interpret') return interpret();
          if (!query) {
            const result = compileQuery(schema, document, operationName ?? undefined);
            // Only a document Apollo validated gets here: compiling fails only for an unknown operation name.
            if (!isCompiledQuery(result)) return result;
            COMPILATIONS.documents++;
            query = result;
            compiled.set(key, query);
          }
          const result = await query.query(undefined, context, variables);
          if (result.data === undefined && result.errors) {
            // Variables refused: graphql-js's errors instead of jit's, which lack the variable's
            // node and so would not read as BAD_USER_INPUT (Apollo's test) but as internal errors.
            const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
            if (coerced.errors) return { errors: coerced.errors };
            // Refused by jit only: it ignores the default values of input fields (`count: Int! = 1`
            // of MentionInput). Nothing ran; this document is interpreted from now on.
            COMPILATIONS.interpreted++;
            compiled.set(key, 'interpret');
            return interpret();
          }
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {},
  };
}
