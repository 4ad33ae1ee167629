import { Kind, NoSchemaIntrospectionCustomRule, validate, visit, type ArgumentNode, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';

/**
 * Walks of documents, counted: each limit is computed in time linear in the document (every
 * fragment walked once per measure, its result reused at each spread), and once per document
 * (query-limits.ts caches the results). Tests read these counters to prove both.
 */
export const WALKS = {
  /** Documents measured for depth, aliases, directives and introspection. */
  documents: 0,
  /** Operations measured for cost and page sizes (once per document and variables that matter). */
  operations: 0,
  /** Fragment definitions walked, by every measure together. */
  fragments: 0,
};

/** What an operation measures, whatever its variables. */
export interface OperationShape {
  depth: number;
  aliases: number;
  directives: number;
}

/** What a document measures, whatever its variables. */
export interface DocumentShape {
  /** Per operation name ('' for an anonymous one). */
  operations: Map<string, OperationShape>;
  /** It asks for `__schema` or `__type`. */
  introspection: boolean;
  /**
   * Variables whose values change the cost or the page-size check: those given to `first`,
   * `last` and `locale` and to directives. The others (a search term, an id) never do, so a
   * document's cost is cached once for all of their values.
   */
  variablesThatMatter: string[];
}

/** A rule whose fragment lookups are counted: the armor rules look each fragment up once, when they first walk it. */
const counted =
  (rule: ValidationRule): ValidationRule =>
  (context) =>
    rule(
      Object.assign(Object.create(context) as typeof context, {
        getFragment: (name: string) => {
          WALKS.fragments++;
          return context.getFragment(name);
        },
      }),
    );

const COUNTED_BY_PAGE_OR_LANGUAGE = new Set(['first', 'last', 'locale']);

/**
 * Depth, aliases and directives with graphql-armor's rules, which memoise each fragment's
 * count; they run with no limit of their own (n: Infinity) and report what they measured, so
 * the limits and their localized errors stay ours. Depth as armor counts it with
 * flattenFragments: a fragment adds no level, `__schema` subtrees are left out (graphql-js's
 * MaxIntrospectionDepthRule bounds them). Aliases and directives count every use: a fragment
 * spread twice counts its aliases twice, as the work it asks for does.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): DocumentShape {
  WALKS.documents++;
  const depth: number[] = [];
  const aliases: number[] = [];
  const directives: number[] = [];
  const record = (into: number[]) => [(_context: unknown, { n }: { n: number }) => void into.push(n)];
  validate(schema, document, [
    counted(maxDepthRule({ n: Number.POSITIVE_INFINITY, flattenFragments: true, ignoreIntrospection: true, onAccept: record(depth) })),
    counted(maxAliasesRule({ n: Number.POSITIVE_INFINITY, allowList: [], onAccept: record(aliases) })),
    counted(maxDirectivesRule({ n: Number.POSITIVE_INFINITY, onAccept: record(directives) })),
  ]);
  // Each rule reports once per operation, in document order.
  const operations = new Map<string, OperationShape>();
  let i = 0;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    operations.set(d.name?.value ?? '', { depth: depth[i] ?? 0, aliases: aliases[i] ?? 0, directives: directives[i] ?? 0 });
    i++;
  }
  const variablesThatMatter = new Set<string>();
  const note = (args: readonly ArgumentNode[] | undefined, names?: Set<string>) => {
    for (const arg of args ?? []) if (arg.value.kind === Kind.VARIABLE && (!names || names.has(arg.name.value))) variablesThatMatter.add(arg.value.name.value);
  };
  visit(document, {
    Field: (node) => note(node.arguments, COUNTED_BY_PAGE_OR_LANGUAGE),
    Directive: (node) => note(node.arguments),
  });
  return {
    operations,
    introspection: validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0,
    variablesThatMatter: [...variablesThatMatter].sort(),
  };
}
