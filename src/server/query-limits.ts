import {
  GraphQLError,
  Kind,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  Source,
  TokenKind,
  TypeInfo,
  getNamedType,
  getVariableValues,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Config, LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import { requireEditor } from '../auth/guard.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { LIMITS, type QueryLimitName } from './limits.js';
import type { Context } from './context.js';

type QueryLimits = Record<QueryLimitName, number>;

/** A limit the request went over; `actual` is what it measured (at least max + 1). */
interface Breach {
  limit: QueryLimitName;
  max: number;
  actual: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
const BAD_REQUEST = { status: 400 };

/** QUERY_TOO_COMPLEX, in the request's language; HTTP 400 as GraphQL's own errors about the query. */
function queryTooComplex(translator: Translator, locale: LocaleCode, breach: Breach): GraphQLError {
  const message = translator.t(locale, `errors:queryLimit.${breach.limit}`, { ...breach });
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...breach, http: BAD_REQUEST } });
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

/** Deepest field nesting of the operation, through fragments, not counting introspection subtrees. */
function depthOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, stopAt: number): number {
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): number => {
    let deepest = depth;
    for (const selection of set.selections) {
      if (deepest > stopAt) break;
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
        deepest = Math.max(deepest, selection.selectionSet ? walk(selection.selectionSet, depth + 1, seen) : depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(selection.selectionSet, depth, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation already refused cycles; `seen` only guards this walk on its own.
        if (fragment && !seen.has(name)) deepest = Math.max(deepest, walk(fragment.selectionSet, depth, new Set(seen).add(name)));
      }
    }
    return deepest;
  };
  return walk(operation.selectionSet, 0, new Set());
}

/** Aliases and directive uses, counted over the whole document text. */
function countAliasesAndDirectives(document: DocumentNode): { aliases: number; directives: number } {
  let aliases = 0;
  let directives = 0;
  visit(document, {
    Field: (node) => void (node.alias && aliases++),
    Directive: () => void directives++,
  });
  return { aliases, directives };
}

/** Estimated cost: `complexity` declared on the field (type-graphql), else 1 plus the selection's. */
function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** A `first`/`last` outside 1..PAGE_SIZE_MAX on a connection field, as BAD_USER_INPUT naming the argument. */
function checkPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  translator: Translator,
  defaultLocale: LocaleCode,
): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const locales: LocaleCode[] = [defaultLocale];
  let found: GraphQLError | null = null;
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
            const params = { argument: arg.name.value, min: 1, max: LIMITS.PAGE_SIZE_MAX, value };
            found = new GraphQLError(translator.t(locales.at(-1)!, 'errors:first', params), {
              nodes: [node],
              path: path.includes('…') ? undefined : [...path],
              extensions: { code: 'BAD_USER_INPUT', argument: params.argument, http: BAD_REQUEST },
            });
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

/** Limits on the parsed operation, cheapest first. */
function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: QueryLimits,
): Breach | null {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const depth = depthOf(operation, fragments, limits.depth);
  if (depth > limits.depth) return { limit: 'depth', max: limits.depth, actual: depth };
  const { aliases, directives } = countAliasesAndDirectives(document);
  if (aliases > limits.aliases) return { limit: 'aliases', max: limits.aliases, actual: aliases };
  if (directives > limits.directives) return { limit: 'directives', max: limits.directives, actual: directives };
  let cost: number;
  try {
    cost = costOf(schema, document, operation.name?.value, variables);
  } catch {
    // graphql-query-complexity gives up past 10,000 evaluated nodes (fragments spread many times).
    return { limit: 'cost', max: limits.cost, actual: limits.cost + 1 };
  }
  if (cost > limits.cost) return { limit: 'cost', max: limits.cost, actual: cost };
  return null;
}

/**
 * Applies the query limits, the page-size bounds and the introspection setting once the operation
 * is known and before anything executes. Variables that do not fit their types are left to
 * execution, which refuses them (BAD_USER_INPUT) before any resolver runs.
 */
export function queryLimitsPlugin(config: Pick<Config, 'queryLimits' | 'introspection'>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const { translator, locale } = contextValue;
          if (config.introspection === 'editors' && validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0) {
            try {
              requireEditor(contextValue);
            } catch (e) {
              const error = e as GraphQLError;
              throw new GraphQLError(error.message, {
                extensions: { ...error.extensions, http: { status: error.extensions.code === 'FORBIDDEN' ? 403 : 401 } },
              });
            }
          }
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          if (coerced.errors) return;
          const pageError = checkPageSizes(schema, document, operation, coerced.coerced, translator, locale);
          if (pageError) throw pageError;
          const breach = checkOperation(schema, document, operation, coerced.coerced, config.queryLimits);
          if (breach) throw queryTooComplex(translator, locale, breach);
        },
      };
    },
  };
}

/**
 * Express middleware in front of Apollo: refuses a query text over the character or token limit
 * before Apollo parses it, with the same QUERY_TOO_COMPLEX error body.
 */
export function sourceLimits(config: Pick<Config, 'queryLimits' | 'defaultLocale'>, translator: Translator): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const text = req.method === 'GET' ? req.query.query : body?.query;
    const breach = typeof text === 'string' ? checkSource(text, config.queryLimits) : null;
    if (!breach) return next();
    const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
    const { message, extensions } = queryTooComplex(translator, locale, breach);
    const { http: _http, ...visible } = extensions;
    res.status(400).json({ errors: [{ message, extensions: visible }] });
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
    res.status(err.status).json({ errors: [{ message: translator.t(locale, `errors:${key}`), extensions: { code: 'BAD_REQUEST' } }] });
  };
}
