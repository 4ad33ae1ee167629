import { writeFileSync } from 'node:fs';
import { schemaFile } from '../paths.js';
import { printedSchema } from './print-schema.js';

writeFileSync(schemaFile, printedSchema());
console.log(`wrote ${schemaFile}`);
