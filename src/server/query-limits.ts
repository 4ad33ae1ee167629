import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  TypeInfo,
  getNamedType,
  getVariableValues,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Config, LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import { requireEditor } from '../auth/guard.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { LIMITS, MEASURE_CACHE, type QueryLimitName } from './limits.js';
import { operationCost } from './query-cost.js';
import { WALKS, measureDocument, type DocumentShape, type OperationShape } from './query-measure.js';
import type { Context } from './context.js';
import { refusalStatus, type ErrorCode } from './errors.js';
import { sendErrors, sendGraphQLError } from './http-edge.js';

type QueryLimits = Record<QueryLimitName, number>;

/** A limit the request went over; `actual` is what it measured (at least max + 1). */
interface Breach {
  limit: QueryLimitName;
  max: number;
  actual: number;
}

/** QUERY_TOO_COMPLEX, in the request's language; HTTP 400 as GraphQL's own errors about the query. */
function queryTooComplex(translator: Translator, locale: LocaleCode, breach: Breach): GraphQLError {
  const message = translator.t(locale, `errors:queryLimit.${breach.limit}`, { ...breach });
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...breach, http: refusalStatus('QUERY_TOO_COMPLEX') } });
}

/**
 * Limits on the text, checked before it is parsed: its length, then its lexical tokens (counted
 * with graphql-js's own lexer, stopping at max + 1). Text the lexer refuses is left to the parser,
 * which reports it as GRAPHQL_PARSE_FAILED.
 */
function checkSource(text: string, limits: QueryLimits): Breach | null {
  if (text.length > limits.characters) return { limit: 'characters', max: limits.characters, actual: text.length };
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > limits.tokens) return { limit: 'tokens', max: limits.tokens, actual: tokens };
    }
  } catch {
    return null;
  }
  return null;
}

/** A `first`/`last` outside 1..PAGE_SIZE_MAX on a connection field; `locale` is the field's `locale` argument, if any. */
interface PageBreach {
  argument: string;
  value: unknown;
  node: FieldNode;
  path: string[] | undefined;
  locale: LocaleCode | null;
}

/** What one operation costs with given values of the variables that matter. */
interface Verdict {
  page: PageBreach | null;
  cost: number;
}

function checkPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): PageBreach | null {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const locales: (LocaleCode | null)[] = [null];
  let found: PageBreach | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      FragmentDefinition: { enter: () => void path.push('…'), leave: () => void path.pop() },
      Field: {
        enter(node: FieldNode) {
          path.push(node.alias?.value ?? node.name.value);
          const field = typeInfo.getFieldDef();
          const locale = node.arguments?.find((a) => a.name.value === 'locale');
          const localeValue = locale
            ? valueFromAST(locale.value, field?.args.find((a) => a.name === 'locale')?.type ?? (schema.getType('Locale')! as never), variables)
            : undefined;
          locales.push(localeValue === 'FR' || localeValue === 'EN' ? localeValue : locales.at(-1)!);
          if (found || !field || !getNamedType(field.type).name.endsWith('Connection')) return;
          for (const arg of node.arguments ?? []) {
            if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
            const def = field.args.find((a) => a.name === arg.name.value);
            const value = def ? valueFromAST(arg.value, def.type, variables) : undefined;
            if (typeof value !== 'number' || (Number.isInteger(value) && value >= 1 && value <= LIMITS.PAGE_SIZE_MAX)) continue;
            found = { argument: arg.name.value, value, node, path: path.includes('…') ? undefined : [...path], locale: locales.at(-1)! };
          }
        },
        leave() {
          path.pop();
          locales.pop();
        },
      },
    }),
  );
  return found;
}

/** BAD_USER_INPUT naming the page-size argument, in the field's `locale`, else the request's language. */
function pageSizeError(translator: Translator, requestLocale: LocaleCode, breach: PageBreach): GraphQLError {
  const params = { argument: breach.argument, min: 1, max: LIMITS.PAGE_SIZE_MAX, value: breach.value };
  return new GraphQLError(translator.t(breach.locale ?? requestLocale, 'errors:first', params), {
    nodes: [breach.node],
    path: breach.path,
    extensions: { code: 'BAD_USER_INPUT', argument: params.argument, http: refusalStatus('BAD_USER_INPUT') },
  });
}

/** The first limit the operation's shape goes over, cheapest first. */
function checkShape(shape: OperationShape, limits: QueryLimits): Breach | null {
  for (const limit of ['depth', 'aliases', 'directives'] as const) {
    if (shape[limit] > limits[limit]) return { limit, max: limits[limit], actual: shape[limit] };
  }
  return null;
}

function checkCost(cost: number, limits: QueryLimits): Breach | null {
  // A document of nested fragments can estimate past any integer: report the largest exact one.
  return cost > limits.cost ? { limit: 'cost', max: limits.cost, actual: Math.min(cost, Number.MAX_SAFE_INTEGER) } : null;
}

/** One operation about to run, as Apollo (queries over HTTP) or graphql-ws (subscriptions) resolved it. */
export interface OperationToCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  /** Identifies the document text (Apollo's query hash): what is measured once per text. */
  queryHash: string;
  context: Context;
}

/**
 * Applies the query limits, the page-size bounds and the introspection setting once the operation
 * is known and before anything executes; throws the refusal. What depends only on the document
 * (its shape) is measured once per document text; its cost and page sizes once per document and
 * values of the variables that matter (DocumentShape.variablesThatMatter): a repeated request only
 * coerces its variables and reads two caches. Variables that do not fit their types are left to
 * execution, which refuses them (BAD_USER_INPUT) before any resolver runs.
 */
export function operationLimits(config: Pick<Config, 'queryLimits' | 'introspection'>): (op: OperationToCheck) => void {
  const shapes = new LRUCache<string, DocumentShape>({ max: MEASURE_CACHE.DOCUMENTS });
  const verdicts = new LRUCache<string, Verdict>({ max: MEASURE_CACHE.VERDICTS });
  const countFragment = () => void WALKS.fragments++;
  return ({ schema, document, operation, variables: given, queryHash, context }) => {
    const { translator, locale } = context;
    let shape = shapes.get(queryHash);
    if (!shape) {
      shape = measureDocument(schema, document);
      shapes.set(queryHash, shape);
    }
    if (config.introspection === 'editors' && shape.introspection) {
      try {
        requireEditor(context);
      } catch (e) {
        const error = e as GraphQLError;
        throw new GraphQLError(error.message, {
          extensions: { ...error.extensions, http: refusalStatus(error.extensions.code as ErrorCode) },
        });
      }
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given ?? {}, { maxErrors: 1 });
    if (coerced.errors) return;
    const name = operation.name?.value ?? '';
    const variables = coerced.coerced;
    const key = JSON.stringify([queryHash, name, ...shape.variablesThatMatter.map((v) => variables[v] ?? null)]);
    let verdict = verdicts.get(key);
    if (!verdict) {
      WALKS.operations++;
      const page = checkPageSizes(schema, document, operation, variables);
      verdict = { page, cost: page ? 0 : operationCost(schema, document, operation, variables, countFragment) };
      verdicts.set(key, verdict);
    }
    if (verdict.page) throw pageSizeError(translator, locale, verdict.page);
    const operationShape = shape.operations.get(name);
    const breach = (operationShape && checkShape(operationShape, config.queryLimits)) ?? checkCost(verdict.cost, config.queryLimits);
    if (breach) throw queryTooComplex(translator, locale, breach);
  };
}

/** operationLimits for Apollo's requests over HTTP. */
export function queryLimitsPlugin(config: Pick<Config, 'queryLimits' | 'introspection'>): ApolloServerPlugin<Context> {
  const check = operationLimits(config);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue, queryHash }) {
          if (operation) check({ schema, document, operation, variables: request.variables, queryHash, context: contextValue });
        },
      };
    },
  };
}

/** QUERY_TOO_COMPLEX when the text is over the character or token limit, checked before it is parsed; null when within. */
export function sourceRefusal(text: string, config: Pick<Config, 'queryLimits'>, translator: Translator, locale: LocaleCode): GraphQLError | null {
  const breach = checkSource(text, config.queryLimits);
  return breach && queryTooComplex(translator, locale, breach);
}

/**
 * Express middleware in front of Apollo: refuses a query text over the character or token limit
 * before Apollo parses it, with the same QUERY_TOO_COMPLEX error body.
 */
export function sourceLimits(config: Pick<Config, 'queryLimits' | 'defaultLocale'>, translator: Translator): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const text = req.method === 'GET' ? req.query.query : body?.query;
    const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
    const refusal = typeof text === 'string' ? sourceRefusal(text, config, translator, locale) : null;
    if (!refusal) return next();
    sendGraphQLError(res, refusal);
  };
}

/**
 * Express error handler for /graphql: a body that is not JSON, too large or in an unknown
 * charset is refused as a GraphQL error (BAD_REQUEST) with the parser's HTTP status, in the
 * request's language, never as Express's HTML page with its stack trace.
 */
export function bodyErrors(config: Pick<Config, 'defaultLocale'>, translator: Translator): ErrorRequestHandler {
  return (err: { status?: number; type?: string }, req, res, next) => {
    if (typeof err?.status !== 'number' || err.status < 400 || err.status >= 500 || res.headersSent) return next(err);
    const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
    const key = err.type === 'entity.too.large' ? 'bodyTooLarge' : err.type === 'entity.parse.failed' ? 'bodyNotJson' : 'bodyUnreadable';
    // The body parser's status: 413 for a body over the limit, 415 for an unknown charset, else 400.
    sendErrors(res, err.status, [{ message: translator.t(locale, `errors:${key}`), extensions: { code: 'BAD_REQUEST' } }]);
  };
}
