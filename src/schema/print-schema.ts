import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from './build-schema.js';

const HEADER = '# Generated from the type-graphql classes by `npm run schema:emit`. Do not edit by hand.\n\n';

/** SDL of the API, sorted so the committed file only changes when the API does. */
export const printedSchema = (): string => `${HEADER}${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
