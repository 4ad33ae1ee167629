import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Code runs both from src/ (tests) and dist/src/ (npm start): find the root instead of counting `..`.
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
export const localesDir = path.join(projectRoot, 'locales');
export const schemaFile = path.join(projectRoot, 'schema.graphql');
