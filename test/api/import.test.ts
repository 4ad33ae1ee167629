import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { withImportCli } from '../support/import-cli.js';
import { projectRoot } from '../../src/paths.js';

const SEED_FILE = path.join(projectRoot, 'src/seed/data/afp-2024-04-niger-us-troops.fr.txt');
const SEED_SLUG = 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger';
const seedRaw = readFileSync(SEED_FILE, 'utf8');
const fixture = (file: string) => readFileSync(path.join(projectRoot, 'test/fixtures/dispatches', file), 'utf8');

let server: TestServer;
let editor: GraphQLClient;
let editorEn: GraphQLClient;

beforeAll(async () => {
  server = await startTestServer();
  const headers = await authHeader(server, 'EDITOR', 'import-desk');
  editor = server.client(headers);
  editorEn = server.client({ ...headers, 'accept-language': 'en' });
});
afterAll(() => server?.close());

const IMPORT = gql`
  mutation Import($input: ImportDispatchInput!) {
    importDispatch(input: $input) {
      existing
      article { id slug lede body { kind text } quotes { text attribution speaker { id } } mentions { entity { id } count } }
      title lede body { kind text } datePrecision
      quotes { text paragraph attribution speaker { id name } }
      mentions { entity { id name } count }
      candidates { name count created { id name } }
      warnings { code message }
    }
  }
`;
interface Result {
  existing: boolean;
  article: {
    id: string;
    slug: string;
    lede: string;
    body: unknown[];
    quotes: { text: string; attribution: string | null; speaker: { id: string } | null }[];
    mentions: { entity: { id: string }; count: number }[];
  } | null;
  title: string;
  lede: string;
  body: { kind: string; text: string }[];
  datePrecision: string | null;
  quotes: { text: string; paragraph: number; attribution: string | null; speaker: { id: string; name: string } | null }[];
  mentions: { entity: { id: string; name: string }; count: number }[];
  candidates: { name: string; count: number; created: { id: string; name: string } | null }[];
  warnings: { code: string; message: string }[];
}
const run = async (input: Record<string, unknown>, client = editor) => (await client.request<{ importDispatch: Result }>(IMPORT, { input })).importDispatch;

const SEED = gql`
  query Seed($slug: String!) {
    article(slug: $slug, locale: FR) { lede body { kind text } quotes { text attribution speaker { id } } mentions { entity { id } count } }
  }
`;
type Seed = NonNullable<Result['article']>;
const seedArticle = async () => (await editor.request<{ article: Seed }>(SEED, { slug: SEED_SLUG })).article;
const rowCounts = async () => ({
  articles: await server.prisma.article.count(),
  quotes: await server.prisma.quote.count(),
  mentions: await server.prisma.mention.count(),
  entities: await server.prisma.entity.count(),
});
// The seed's editor linked "le pouvoir" and "un communiqué officiel nigérien" to Niger's military
// government; the importer never guesses a speaker from words that name no entity.
const asImported = <Q extends { attribution: string | null; speaker: unknown }>(q: Q): Q =>
  ['le pouvoir', 'un communiqué officiel nigérien'].includes(q.attribution ?? '') ? { ...q, speaker: null } : q;
const sortedMentions = (m: { entity: { id: string }; count: number }[]) =>
  m.map((x) => [x.entity.id, x.count]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('importDispatch on the seed dispatch', () => {
  it('a dry run shows what the hand-curated seed holds, and writes nothing', async () => {
    const seed = await seedArticle();
    const before = await rowCounts();
    const r = await run({ text: seedRaw, locale: 'FR', dryRun: true });
    expect(r.article).toBeNull();
    expect(r.existing).toBe(false);
    expect(r.lede).toBe(seed.lede);
    expect(r.body).toEqual(seed.body);
    expect(r.datePrecision).toBe('MONTH');
    expect(r.quotes).toHaveLength(8);
    expect(r.quotes.map((q) => [q.text, q.attribution, q.speaker?.id ?? null])).toEqual(
      seed.quotes.map(asImported).map((q) => [q.text, q.attribution, q.speaker?.id ?? null]),
    );
    expect(r.quotes.filter((q) => q.speaker?.name === 'Radio Télévision du Niger')).toHaveLength(4);
    expect(sortedMentions(r.mentions)).toEqual(sortedMentions(seed.mentions));
    expect(r.candidates).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('imports it for real as a draft equal to the seed, then only finds it again', async () => {
    const seed = await seedArticle();
    const before = await rowCounts();
    const r = await run({ text: seedRaw, locale: 'FR', agency: 'AFP' });
    expect(r.existing).toBe(false);
    const a = r.article!;
    expect((await server.prisma.article.findUniqueOrThrow({ where: { slug: a.slug } })).status).toBe('DRAFT');
    expect(a.slug).not.toBe(SEED_SLUG);
    expect([a.lede, a.body]).toEqual([seed.lede, seed.body]);
    expect(a.quotes).toEqual(seed.quotes.map(asImported));
    expect(sortedMentions(a.mentions)).toEqual(sortedMentions(seed.mentions));
    const after = await rowCounts();
    expect(after).toEqual({ ...before, articles: before.articles + 1, quotes: before.quotes + 8, mentions: before.mentions + seed.mentions.length });

    // Same text, other whitespace: the same dispatch.
    const again = await run({ text: seedRaw.replace(/\n/g, '\r\n'), locale: 'FR' });
    expect(again.existing).toBe(true);
    expect(again.article!.id).toBe(a.id);
    expect(await rowCounts()).toEqual(after);
    const dry = await run({ text: seedRaw, locale: 'FR', dryRun: true });
    expect([dry.existing, dry.article?.id]).toEqual([true, a.id]);
  });
});

describe('importDispatch on other dispatches', () => {
  it('lists unknown names as candidates, and creates them only when asked', async () => {
    const text = fixture('afp-2024-04-abidjan-cacao.fr.txt');
    const before = await rowCounts();
    const listed = await run({ text, locale: 'FR' });
    expect(listed.candidates.map((c) => c.name)).toEqual(expect.arrayContaining(['Mariam Ouattara', 'Bruno Kassi']));
    expect(listed.candidates.every((c) => c.created === null)).toBe(true);
    expect(listed.quotes.find((q) => q.attribution === 'Mariam Ouattara')).toBeTruthy();
    expect((await rowCounts()).entities).toBe(before.entities);

    const edited = `${text}\n\nLa coopérative Sœurs de Daloa a salué la mesure.`;
    const created = await run({ text: edited, locale: 'FR', createEntities: true });
    expect(created.existing).toBe(false);
    const mariam = created.candidates.find((c) => c.name === 'Mariam Ouattara')!;
    expect(mariam.created?.name).toBe('Mariam Ouattara');
    expect((await rowCounts()).entities).toBe(before.entities + created.candidates.length);
    expect(created.article!.mentions.map((m) => m.entity.id)).toContain(mariam.created!.id);
  });

  it('warns, in the request language, of unbalanced quote marks and a missing date', async () => {
    const text = fixture('plain-leeds-school-streets.en.txt');
    const fr = await run({ text, locale: 'EN', dryRun: true });
    expect(fr.warnings.map((w) => w.code).sort()).toEqual(['noDate', 'unbalancedQuotes']);
    expect(fr.warnings.find((w) => w.code === 'noDate')!.message).toMatch(/n'est pas daté/);
    const en = await run({ text, locale: 'EN', dryRun: true }, editorEn);
    expect(en.warnings.find((w) => w.code === 'noDate')!.message).toMatch(/is undated/);
    expect(en.warnings.find((w) => w.code === 'unbalancedQuotes')!.message).toMatch(/without its pair \(paragraph \d+\)/);
  });

  it('imports the English Reuters fixture', async () => {
    const r = await run({ text: fixture('reuters-2024-05-oslo-salmon.en.txt'), locale: 'EN', dryRun: true });
    expect(r.quotes.length).toBeGreaterThan(0);
    expect(r.title.length).toBeGreaterThan(0);
    expect(r.title.length).toBeLessThanOrEqual(300);
  });

  it('is for editors, and wants some text', async () => {
    const anonymous = await graphqlErrors(server.client().request(IMPORT, { input: { text: seedRaw, locale: 'FR', dryRun: true } }));
    expect(anonymous[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    for (const text of ['', '  \n ', 'date 2024-04\n']) {
      const errors = await graphqlErrors(run({ text, locale: 'FR', dryRun: true }));
      expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('npm run import', () => {
  it('prints the structure of a dry run and exits 2 on usage errors', async () => {
    await withImportCli('import', async (cli) => {
      const { stdout } = await cli(SEED_FILE, '--locale', 'fr', '--dry-run');
      expect(stdout).toMatch(/^Dry run: nothing written\./);
      expect(stdout).toMatch(/Paragraphs: 20 after the lede/);
      expect(stdout).toMatch(/\[Manifestation\]/);
      expect(stdout).toMatch(/Quotes: 8/);
      expect(stdout).toMatch(/« doter » — la télévision nigérienne/);
      expect(stdout).toMatch(/Warnings: 0/);
      await expect(cli(SEED_FILE)).rejects.toMatchObject({ code: 2 });
      await expect(cli('--locale', 'fr')).rejects.toMatchObject({ code: 2 });
    });
  }, 60_000);
});
