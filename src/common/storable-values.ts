import {
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { LocaleCode } from '../config.js';
import { AppError, refusalStatus } from '../server/errors.js';
import { MEASURE_CACHE } from '../server/limits.js';
import type { Context } from '../server/context.js';

/** Years a DateTime argument may name: PostgreSQL and JavaScript agree on four-digit years, and no dispatch is older. */
const YEARS = { min: 1000, max: 9999 } as const;

/** True for an ISO date text whose year has four digits (what `timestamp` columns and cursors hold). */
export function isStorableDate(text: string): boolean {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= YEARS.min && year <= YEARS.max;
}

/**
 * Arguments whose text is typed into a search or lookup box: cleanQueryText turns control
 * characters into spaces there, so a NUL reads as a space instead of being refused.
 */
const FREE_TEXT = new Set(['Query.search(query:)', 'EntityFilter.name']);

/** What one argument value breaks, and where (`input.body[1].text`). */
interface Problem {
  argument: string;
  rule: 'nul' | 'date';
}

function problemOf(value: string, named: string): Problem['rule'] | null {
  if (value.includes('\u0000')) return 'nul';
  if (named === 'DateTime' && !Number.isNaN(Date.parse(value)) && !isStorableDate(value)) return 'date';
  return null;
}

/** Walks a JSON value (a variable) as GraphQL would coerce it into `type`. */
function walkValue(value: unknown, type: GraphQLInputType, path: string, coordinate: string): Problem | null {
  if (value === null || value === undefined) return null;
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  if (isListType(unwrapped)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const found = walkValue(item, unwrapped.ofType, Array.isArray(value) ? `${path}[${i}]` : path, coordinate);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(unwrapped)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    const fields = unwrapped.getFields();
    for (const [name, item] of Object.entries(value)) {
      const field = fields[name];
      const found = field && walkValue(item, field.type, `${path}.${name}`, `${unwrapped.name}.${name}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'string' || FREE_TEXT.has(coordinate)) return null;
  const rule = problemOf(value, unwrapped.name);
  return rule ? { argument: path, rule } : null;
}

/** Where a variable flows: its value is walked per request, as `type` at `path`. */
interface Usage {
  variable: string;
  type: GraphQLInputType;
  path: string;
  coordinate: string;
  /** The field's `locale` argument: a literal, or the variable holding it. */
  locale: { value: string } | { variable: string } | null;
}

/** What the document itself holds: its first literal problem, and the variables to walk per request. */
interface DocumentVerdict {
  literal: (Problem & { locale: LocaleCode | null }) | null;
  usages: Usage[];
}

const asLocale = (value: unknown): LocaleCode | null => (value === 'FR' || value === 'EN' ? value : null);

/** Walks an argument written in the document; variables are recorded in `usages`, for the request's values. */
function walkNode(node: ValueNode, type: GraphQLInputType, path: string, coordinate: string, usages: Omit<Usage, 'locale'>[]): Problem | null {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  switch (node.kind) {
    case Kind.VARIABLE:
      usages.push({ variable: node.name.value, type, path, coordinate });
      return null;
    case Kind.LIST:
      if (!isListType(unwrapped)) return null;
      for (const [i, item] of node.values.entries()) {
        const found = walkNode(item, unwrapped.ofType, `${path}[${i}]`, coordinate, usages);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT: {
      const named = getNamedType(unwrapped);
      if (!isInputObjectType(named)) return null;
      const fields = named.getFields();
      for (const field of node.fields) {
        const def = fields[field.name.value];
        const found = def && walkNode(field.value, def.type, `${path}.${field.name.value}`, `${named.name}.${field.name.value}`, usages);
        if (found) return found;
      }
      return null;
    }
    case Kind.STRING: {
      if (FREE_TEXT.has(coordinate)) return null;
      const rule = problemOf(node.value, getNamedType(unwrapped).name);
      return rule ? { argument: path, rule } : null;
    }
    default:
      return null;
  }
}

/**
 * One walk over every argument of every field of the operation (its fragments included): the
 * first literal no column could store, and where variables flow. Linear in the document, once
 * per document.
 */
function judgeDocument(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): DocumentVerdict {
  const typeInfo = new TypeInfo(schema);
  const verdict: DocumentVerdict = { literal: null, usages: [] };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (verdict.literal || !field) return;
        const parent = typeInfo.getParentType()?.name;
        const localeNode = node.arguments?.find((a) => a.name.value === 'locale')?.value;
        const locale =
          localeNode?.kind === Kind.ENUM ? { value: localeNode.value } : localeNode?.kind === Kind.VARIABLE ? { variable: localeNode.name.value } : null;
        for (const arg of node.arguments ?? []) {
          const def = field.args.find((a) => a.name === arg.name.value);
          if (!def) continue;
          const usages: Omit<Usage, 'locale'>[] = [];
          const problem = walkNode(arg.value, def.type, def.name, `${parent}.${field.name}(${def.name}:)`, usages);
          verdict.usages.push(...usages.map((u) => ({ ...u, locale })));
          if (problem) {
            verdict.literal = { ...problem, locale: locale && 'value' in locale ? asLocale(locale.value) : null };
            return;
          }
        }
      },
    }),
  );
  return verdict;
}

/**
 * The first argument of the operation no column could store: a NUL character (PostgreSQL text
 * refuses it) or a date outside the years 1000 to 9999, written in the document or in a
 * variable. `locale` is that field's `locale` argument when it has one.
 */
function findProblem(verdict: DocumentVerdict, variables: Record<string, unknown>): (Problem & { locale: LocaleCode | null }) | null {
  if (verdict.literal) return verdict.literal;
  for (const usage of verdict.usages) {
    const problem = walkValue(variables[usage.variable], usage.type, usage.path, usage.coordinate);
    if (!problem) continue;
    const locale = usage.locale && ('value' in usage.locale ? usage.locale.value : variables[usage.locale.variable]);
    return { ...problem, locale: asLocale(locale) };
  }
  return null;
}

/** Refuses, before anything runs, an operation with an argument no column could store: BAD_USER_INPUT naming it. */
export function storableArguments(): ApolloServerPlugin<Context> {
  const verdicts = new LRUCache<string, DocumentVerdict>({ max: MEASURE_CACHE.DOCUMENTS });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue, queryHash }) {
          if (!operation) return;
          const key = `${queryHash}:${operation.name?.value ?? ''}`;
          let verdict = verdicts.get(key);
          if (!verdict) {
            verdict = judgeDocument(schema, document, operation);
            verdicts.set(key, verdict);
          }
          const problem = findProblem(verdict, request.variables ?? {});
          if (!problem) return;
          const { argument, rule, locale } = problem;
          const message = contextValue.translator.t(locale ?? contextValue.locale, `errors:storable.${rule}`, { argument, ...YEARS });
          throw new AppError('BAD_USER_INPUT', message, { argument, http: refusalStatus('BAD_USER_INPUT') });
        },
      };
    },
  };
}
