import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, simpleEstimator, type ComplexityEstimator, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { COST_ESTIMATES, LIMITS } from './limits.js';

/**
 * Costs declared next to the fields (type-graphql's `complexity:` option), read by
 * graphql-query-complexity's fieldExtensionsEstimator. Fields without one cost 1 plus their
 * selection (simpleEstimator). See QUERY_LIMITS.COST in limits.ts.
 */

/** A connection: its selection once per item of the page (`first`, default PAGE_SIZE_DEFAULT). */
export const pageCost = ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
  1 + (typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : LIMITS.PAGE_SIZE_DEFAULT) * childComplexity;

/** An unpaged list assumed to hold about `items` elements (COST_ESTIMATES). */
export const listCost =
  (items: number) =>
  ({ childComplexity }: ComplexityEstimatorArgs): number =>
    1 + items * childComplexity;

/**
 * A search: a page of hits plus the database work behind it, which does not depend on the page
 * size: up to SEARCH_RANKED_ROWS rows ranked, charged as COST_ESTIMATES.SEARCH (limits.ts).
 */
export const searchCost = (args: ComplexityEstimatorArgs): number => COST_ESTIMATES.SEARCH + pageCost(args);

const ESTIMATORS: ComplexityEstimator[] = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/** Cost per possible runtime type of a selection set; the set costs its most expensive type. */
type CostByType = Map<string, number>;

const addTo = (costs: CostByType, cost: number, types: readonly string[]) => {
  for (const type of types) costs.set(type, (costs.get(type) ?? 0) + cost);
};
const highest = (costs: CostByType) => Math.max(0, ...costs.values());

/**
 * The estimated cost of one operation, as graphql-query-complexity's getComplexity computes it
 * (same estimators, same rules for @include/@skip, fragments and abstract types), but in time
 * linear in the document: a fragment's cost does not depend on where it is spread, so each
 * fragment is walked once and its cost reused at every spread. graphql-query-complexity walks
 * every spread path, which a few lines of nested fragments turn into 10^8 visits.
 * `onFragment` is called each time a fragment is walked (tests count them).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  onFragment: (name: string) => void = () => {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Fragment name → its cost; null while it is being walked (a cycle, which validation refuses anyway).
  const fragmentCosts = new Map<string, number | null>();
  const typesOf = (type: GraphQLCompositeType) => (isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name]);

  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false && getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true;

  const fieldDef = (type: GraphQLCompositeType, node: FieldNode): GraphQLField<unknown, unknown> | undefined => {
    const name = node.name.value;
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    return 'getFields' in type ? type.getFields()[name] : undefined;
  };

  const fieldCost = (type: GraphQLCompositeType, node: FieldNode): number | null => {
    const field = fieldDef(type, node);
    // Unknown fields and bad arguments are validation's to report.
    if (!field) return null;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      return null;
    }
    const named = getNamedType(field.type);
    const childComplexity = isCompositeType(named) && node.selectionSet ? selectionCost(node.selectionSet, named) : 0;
    const estimate: ComplexityEstimatorArgs = { childComplexity, args, field, node, type, context: undefined };
    for (const estimator of ESTIMATORS) {
      const cost = estimator(estimate);
      if (typeof cost === 'number' && !Number.isNaN(cost)) return cost;
    }
    return null;
  };

  const fragmentCost = (name: string): number | null => {
    if (fragmentCosts.has(name)) return fragmentCosts.get(name) ?? null;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return null;
    fragmentCosts.set(name, null);
    onFragment(name);
    const cost = selectionCost(fragment.selectionSet, type);
    fragmentCosts.set(name, cost);
    return cost;
  };

  function selectionCost(set: SelectionSetNode, type: GraphQLCompositeType): number {
    const costs: CostByType = new Map();
    const own = typesOf(type);
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const cost = fieldCost(type, selection);
        if (cost !== null) addTo(costs, cost, own);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const cost = fragmentCost(selection.name.value);
        const on = schema.getType(fragments.get(selection.name.value)?.typeCondition.name.value ?? '');
        if (cost !== null && isCompositeType(on)) addTo(costs, cost, typesOf(on));
      } else {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (isCompositeType(on)) addTo(costs, selectionCost(selection.selectionSet, on), typesOf(on));
      }
    }
    return highest(costs);
  }

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root) : 0;
}
