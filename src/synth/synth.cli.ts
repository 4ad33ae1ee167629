import { parseArgs } from 'node:util';
import { synthesize } from './load.js';

// `npm run db:synth -- --articles 50000 --seed 42`: the synthetic archive into DATABASE_URL
// (PostgreSQL only: the embedded database is not meant for archive-scale data).
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    entities: { type: 'string', default: '5000' },
    'batch-size': { type: 'string', default: '1000' },
    'database-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run db:synth -- [--articles 1000] [--seed 42] [--entities 5000] [--batch-size 1000] [--database-url postgresql://…]

Writes a deterministic bilingual data set (same seed, same rows) into a migrated PostgreSQL
database (--database-url, else DATABASE_URL), after whatever it already holds.`);
  process.exit(0);
}

const integer = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer >= ${min}, got "${value}"`);
    process.exit(2);
  }
  return n;
};
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  console.error('db:synth needs a PostgreSQL database: --database-url or DATABASE_URL (postgresql://…), migrated with npm run db:migrate');
  process.exit(2);
}

const result = await synthesize({
  databaseUrl,
  articles: integer('articles', values.articles, 0),
  seed: integer('seed', values.seed, 0),
  entities: integer('entities', values.entities, 1),
  batchSize: integer('batch-size', values['batch-size'], 1),
  log: (message) => console.error(`db:synth: ${message}`),
});
console.log(JSON.stringify(result));
