import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLField, type GraphQLInputField } from 'graphql';
import { buildSchema, directFieldResolvers } from '../src/schema/build-schema.js';
import { printedSchema } from '../src/schema/print-schema.js';
import { schemaFile } from '../src/paths.js';

describe('field resolvers', () => {
  it("calls the feed's field resolvers directly, and no root field", () => {
    buildSchema();
    expect(directFieldResolvers).toEqual(
      expect.arrayContaining(['Article.dateLabel', 'Article.quotes', 'Article.mentions', 'Entity.typeLabel', 'Quote.speaker', 'Quote.article']),
    );
    expect(directFieldResolvers.filter((f) => /^(Query|Mutation|Subscription)\./.test(f))).toEqual([]);
  });
});

describe('schema.graphql', () => {
  it('is what the code defines (run `npm run schema:emit` after changing the API)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('describes every type, field, argument and enum value, for editors reading it in Sandbox', () => {
    const missing: string[] = [];
    for (const type of Object.values(buildSchema().getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()) as (GraphQLField<unknown, unknown> | GraphQLInputField)[]) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the public names of the API contract', () => {
    const schema = buildSchema();
    const query = schema.getQueryType()!.getFields();
    for (const name of ['node', 'article', 'articles', 'entity', 'entities', 'quote', 'quotes', 'locales']) expect(query).toHaveProperty(name);
    const article = (schema.getType('Article') as import('graphql').GraphQLObjectType).getFields();
    for (const name of [
      'id',
      'slug',
      'sourceLocale',
      'locale',
      'isFallback',
      'title',
      'lede',
      'body',
      'publishedAt',
      'datePrecision',
      'dateLabel',
      'dateline',
      'agency',
      'quotes',
      'mentions',
      'availableLocales',
      'translations',
      'translationState',
      'version',
    ]) {
      expect(article).toHaveProperty(name);
    }
    expect(schema.getType('Article')).toSatisfy((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'));
  });
});
