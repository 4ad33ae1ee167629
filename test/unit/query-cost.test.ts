import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { buildSchema } from '../../src/schema/build-schema.js';
import { operationCost } from '../../src/server/query-cost.js';

/**
 * The memoised cost walk gives graphql-query-complexity's numbers (same estimators), on
 * generated documents small enough for the library's per-path walk, while walking each fragment
 * once however often it is spread.
 */

const schema = buildSchema();
const library = (query: string, variables: Record<string, unknown>) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })] });
const ours = (query: string, variables: Record<string, unknown>, onFragment?: (name: string) => void) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost(schema, document, operation, variables, onFragment);
};

// Article fragments A0..An-1: a few fields, nested lists, @include on a variable, spreads of later fragments.
const ARTICLE_PARTS = [
  'title',
  'mentions { count entity { name } }',
  'quotes { text speaker { name ... on Entity { typeLabel } } }',
  'translations { locale }',
  'dateline { articles(first: 2) { totalCount } }',
  'agency @include(if: $more)',
  'lede @skip(if: $more)',
];

const documents = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    page: fc.integer({ min: 1, max: 30 }),
    more: fc.boolean(),
    fragments: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          parts: fc.subarray(ARTICLE_PARTS, { minLength: 1 }),
          spreads: i + 1 < n ? fc.array(fc.integer({ min: i + 1, max: n - 1 }), { maxLength: 3 }) : fc.constant([] as number[]),
        }),
      ),
    ),
  }),
);

describe('operationCost', () => {
  it('equals graphql-query-complexity on generated documents (property)', () => {
    fc.assert(
      fc.property(documents, ({ page, more, fragments }) => {
        const query = [
          'query ($n: Int, $more: Boolean!) { articles(first: $n) { edges { node { ...A0 } } } search(query: "x", first: 5) { edges { node { rank ... on ArticleHit { article { ...A0 } } } } } }',
          ...fragments.map((f, i) => `fragment A${i} on Article { ${f.parts.join(' ')} ${f.spreads.map((j) => `...A${j}`).join(' ')} }`),
        ].join('\n');
        const variables = { n: page, more };
        const walked: string[] = [];
        expect(ours(query, variables, (name) => walked.push(name))).toBe(library(query, variables));
        expect(new Set(walked).size).toBe(walked.length);
      }),
      { numRuns: 200 },
    );
  });

  it('walks a fragment once however many paths reach it', () => {
    const query = [
      'query { ...F0 }',
      ...Array.from({ length: 30 }, (_, k) => `fragment F${k} on Query { ...F${k + 1} ...F${k + 1} }`),
      'fragment F30 on Query { locales { code } }',
    ].join(' ');
    let walks = 0;
    expect(ours(query, {}, () => walks++)).toBe(2 ** 31);
    expect(walks).toBe(31);
  });
});
