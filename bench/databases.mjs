// Bench databases: one synthesized template per (articles, seed), kept between runs, and a
// throwaway copy of it per run (CREATE DATABASE … TEMPLATE: seconds instead of minutes).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export class Databases {
  constructor(adminUrl) {
    this.adminUrl = adminUrl;
    this.created = new Set();
  }

  urlFor(database, port) {
    const url = new URL(this.adminUrl);
    url.pathname = `/${database}`;
    if (port) url.port = String(port);
    return url.toString();
  }

  async admin(sql, params) {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async exists(name) {
    return (await this.admin('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  }

  /**
   * `depeche_bench_<articles>_<seed>`, built unless it exists (or `rebuild`): created under a
   * `_building` name, migrated with prisma migrate deploy, synthesized, then renamed, so an
   * interrupted build is never taken for a finished one. Its comment keeps the load figures.
   * A template that exists is brought up to the checkout's migrations.
   */
  async template({ articles, seed, rebuild, log }) {
    const name = `depeche_bench_${articles}_${seed}`;
    if (rebuild) await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (await this.exists(name)) {
      // Built by an older checkout: the migrations added since then (they only add) apply to it once.
      await run('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: this.urlFor(name) } });
      const [row] = await this.admin("SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1", [name]);
      return { name, synth: row.comment ? JSON.parse(row.comment) : null, built: false };
    }
    const building = `${name}_building`;
    await this.admin(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await this.admin(`CREATE DATABASE "${building}"`);
    try {
      log(`building ${name}: migrate, then db:synth (${articles} articles, seed ${seed})`);
      const env = { ...process.env, DATABASE_URL: this.urlFor(building) };
      await run('npx', ['prisma', 'migrate', 'deploy'], { env });
      const started = performance.now();
      const { stdout } = await run(process.execPath, ['dist/src/synth/synth.cli.js', '--articles', String(articles), '--seed', String(seed)], {
        env,
        maxBuffer: 1 << 24,
      });
      const synth = { ...JSON.parse(stdout.trim().split('\n').pop()), wallMs: performance.now() - started };
      await this.admin(`COMMENT ON DATABASE "${building}" IS '${JSON.stringify(synth)}'`);
      await this.admin(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return { name, synth, built: true };
    } catch (err) {
      await this.admin(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      throw err;
    }
  }

  /** A copy of `template` for one run; dropped by dropAll. */
  async copy(template) {
    const name = `depeche_bench_run_${process.pid}_${randomBytes(3).toString('hex')}`;
    // FILE_COPY: copying a large template file by file beats WAL-logging every page (PostgreSQL 15).
    await this.admin(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
    this.created.add(name);
    return name;
  }

  async dropAll() {
    for (const name of this.created) await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    this.created.clear();
  }
}
