import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { LIMITS } from './limits.js';

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
