import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import GithubSlugger from 'github-slugger';
import { Lexer, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/token.service.js';
import { openDatabase } from '../../src/db/database.js';
import { projectRoot } from '../../src/paths.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { onPostgres } from '../support/databases.js';
import { asPrinted, type DocExample, docFiles, links, outputAsPrinted, parseExamples, readDoc } from '../support/doc-examples.js';
import { get, persisted, post } from '../support/http.js';
import { postgresDatabase, seedPostgres } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';

// Every example of README.md and docs/*.md that prints an answer, run against a freshly seeded
// server as a reader of the docs would send it (docs/testing.md, "Examples in the docs").
const parsed = docFiles().map((file) => ({ file, ...parseExamples(file) }));
const examples = parsed.flatMap((p) => p.examples);
const sessions = new Map<string, DocExample[]>();
for (const e of examples.filter((e) => e.kind === 'graphql')) sessions.set(e.options.session ?? '', [...(sessions.get(e.options.session ?? '') ?? []), e]);

it('finds the examples, and no printed answer outside one', () => {
  expect(examples.length).toBeGreaterThan(20);
  expect(parsed.flatMap((p) => p.stray)).toEqual([]);
});

for (const [session, list] of sessions) {
  describe(session ? `the session "${session}", in order, on a database of its own` : 'the read-only examples, on one seeded database', () => {
    let server: TestServer;
    const tokens = new Map<string, Record<string, string>>();
    beforeAll(async () => {
      server = await startTestServer(Object.assign({}, ...list.map((e) => e.options.server)));
    });
    afterAll(() => server?.close());

    for (const example of list) {
      it(`${example.where} answers as printed`, async () => {
        const { token, name, vars, headers, status, expect: expected, persisted: apq, method } = example.options;
        let auth: Record<string, string> = {};
        if (token) {
          const key = `${token}/${name}`;
          if (!tokens.has(key)) tokens.set(key, await authHeader(server, token.toUpperCase() as Role, name));
          auth = tokens.get(key)!;
        }
        const request = {
          ...(apq === 'hash-only' ? {} : { query: example.source }),
          ...(vars ? { variables: vars } : {}),
          ...(apq ? { extensions: persisted(example.source) } : {}),
        };
        const send = method === 'GET' ? get : post;
        const answer = await send(server.url, request, { ...headers, ...auth });
        expect(asPrinted(example.answer, answer.body)).toEqual(example.answer);
        expect(answer.status).toBe(status);
        for (const [header, value] of Object.entries(expected)) expect(answer.headers.get(header), header).toBe(value);
      });
    }
  });
}

/** A seeded database a CLI can open after the server is gone: what `npm start` leaves behind. */
async function seededDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (onPostgres) {
    const own = await postgresDatabase('depeche_docs');
    await seedPostgres(own.url);
    return { env: { DATABASE_URL: own.url }, drop: own.drop };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'depeche-docs-'));
  const db = await openDatabase({ databaseUrl: null, dataDir: dir, dbPoolSize: 1, dbConnectTimeoutMs: 5_000, dbStatementTimeoutMs: 10_000 });
  await seedDatabase(db.prisma).finally(() => db.close());
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** `npm run <script> -- args` as the command npm runs, without the build step (`npm test` built). */
function command(line: string): string[] {
  const [, script, args] = /^npm run ([\w:]+) -- (.*)$/.exec(line) ?? [];
  const scripts = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const run = scripts[script!]?.split('&&').at(-1)?.trim().split(' ');
  if (run?.[0] !== 'node') throw new Error(`${line}: not a "npm run <node script> -- …" command`);
  return [...run.slice(1), ...[...args!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!)];
}

describe('the commands with their printed output', () => {
  for (const example of examples.filter((e): e is DocExample & { answer: string[] } => e.kind === 'cli')) {
    it(`${example.where} prints what is shown`, async () => {
      const database = await seededDatabase();
      try {
        const { stdout } = await promisify(execFile)(process.execPath, command(example.source), {
          cwd: projectRoot,
          env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...database.env },
        });
        const lines = stdout.trimEnd().split('\n');
        expect(outputAsPrinted(example.answer, lines)).toEqual(example.answer);
      } finally {
        await database.drop();
      }
    }, 60_000);
  }
});

describe('links between the docs', () => {
  const anchors = (file: string) => {
    const slugger = new GithubSlugger();
    return new Set(
      new Lexer()
        .lex(readDoc(file))
        .filter((t): t is Tokens.Heading => t.type === 'heading')
        .map((t) => slugger.slug(t.text)),
    );
  };
  for (const file of docFiles()) {
    it(`${file} links to files and headings that exist`, () => {
      const broken: string[] = [];
      for (const { href, where } of links(file)) {
        if (/^[a-z]+:/.test(href)) continue;
        const [target, anchor] = href.split('#');
        const linked = target ? path.join(path.dirname(file), target) : file;
        if (!existsSync(path.join(projectRoot, linked))) broken.push(`${where} ${href}`);
        else if (anchor && linked.endsWith('.md') && !anchors(linked).has(anchor)) broken.push(`${where} ${href}`);
      }
      expect(broken).toEqual([]);
    });
  }
});
