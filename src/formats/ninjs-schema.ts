import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { projectRoot } from '../paths.js';

const require = createRequire(import.meta.url);

/** The official IPTC ninjs 3.1 JSON Schema and examples, copied unchanged into standards/. */
export const NINJS_FOLDER = path.join(projectRoot, 'standards', 'ninjs-3.1');

/** One thing the schema holds against an item: where (a JSON pointer, '/' for the item) and what, in Ajv's words. */
export interface NinjsProblem {
  path: string;
  message: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
// ninjs places may carry GeoJSON, by reference to geojson.org's schema: the same schema from its
// package (draft-07, whose keywords it uses mean the same in 2020-12), so nothing is fetched.
const { $schema: _draft, ...geoJson } = JSON.parse(readFileSync(require.resolve('geojson-schema/GeoJSON.json'), 'utf8'));
ajv.addSchema(geoJson);
const validate = ajv.compile(JSON.parse(readFileSync(path.join(NINJS_FOLDER, 'ninjs-schema_3.1.json'), 'utf8')));

/** The schema's complaints about `item`, empty when it is valid (the importer and the tests use the same). */
export function ninjsProblems(item: unknown): NinjsProblem[] {
  return validate(item) ? [] : (validate.errors ?? []).map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'is invalid' }));
}

/** The same, one line each: "/headlines/0/value must be string". */
export const ninjsErrors = (item: unknown): string[] => ninjsProblems(item).map((p) => `${p.path} ${p.message}`);
