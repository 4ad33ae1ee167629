import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { nigerUsTroops } from '../../src/seed/data/afp-2024-04-niger-us-troops.js';
import { NINJS_FOLDER } from '../../src/formats/ninjs-schema.js';
import { graphqlErrors, startTestServer, type TestServer } from '../support/server.js';
import { createEntity, globalIdOf } from '../support/fixtures.js';
import { authHeader } from '../support/tokens.js';
import { withImportCli } from '../support/import-cli.js';

// biome-ignore lint/suspicious/noExplicitAny: ninjs items are what the JSON Schema checks; the test edits them freely
type Json = Record<string, any>;
const EXAMPLES = ['001_simple_example.json', '003_associations_example.json', '004_simple_text_article.json', '005_complex_text_article.json'];
const exampleFile = (name: string) => path.join(NINJS_FOLDER, 'examples', name);
const example = (name: string): Json => JSON.parse(readFileSync(exampleFile(name), 'utf8'));
const SEED_SLUG = nigerUsTroops.article.slug;

let server: TestServer;
let editor: GraphQLClient;
let editorEn: GraphQLClient;

beforeAll(async () => {
  server = await startTestServer();
  const headers = await authHeader(server, 'EDITOR', 'ninjs-desk');
  editor = server.client(headers);
  editorEn = server.client({ ...headers, 'accept-language': 'en' });
});
afterAll(() => server?.close());

const IMPORT = gql`
  mutation Import($input: ImportDispatchInput!) {
    importDispatch(input: $input) {
      existing
      article { id slug sourceLocale title lede body { kind text } mentions { entity { id } count } quotes { text } }
      title lede body { kind text } datePrecision dateline datelineEntity { id } agency
      quotes { text paragraph attribution }
      mentions { entity { id name } count }
      candidates { name count }
      warnings { code }
    }
  }
`;
interface Paragraph {
  kind: string;
  text: string;
}
interface Mention {
  entity: { id: string };
  count: number;
}
interface Result {
  existing: boolean;
  article: {
    id: string;
    slug: string;
    sourceLocale: string;
    title: string;
    lede: string;
    body: Paragraph[];
    mentions: Mention[];
    quotes: { text: string }[];
  } | null;
  title: string;
  lede: string;
  body: Paragraph[];
  datePrecision: string | null;
  dateline: string | null;
  datelineEntity: { id: string } | null;
  agency: string | null;
  quotes: { text: string; paragraph: number; attribution: string | null }[];
  mentions: (Mention & { entity: { name: string } })[];
  candidates: { name: string; count: number }[];
  warnings: { code: string }[];
}
const run = async (input: Record<string, unknown>, client = editor) => (await client.request<{ importDispatch: Result }>(IMPORT, { input })).importDispatch;

const SEED = gql`
  query Seed($slug: String!, $locale: Locale!) {
    article(slug: $slug, locale: $locale) { id title lede body { kind text } mentions { entity { id } count } quotes { text } ninjs(locale: $locale) }
  }
`;
interface Seed {
  id: string;
  title: string;
  lede: string;
  body: Paragraph[];
  mentions: Mention[];
  quotes: { text: string }[];
  ninjs: Json;
}
const seedIn = async (locale: 'FR' | 'EN') => (await editor.request<{ article: Seed }>(SEED, { slug: SEED_SLUG, locale })).article;
const sorted = (m: Mention[]) => m.map((x) => [x.entity.id, x.count]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const articleCount = () => server.prisma.article.count();

describe('importDispatch with the ninjs examples shipped with the schema', () => {
  it('reads each in a dry run, all four in English (three say so only through input.locale)', async () => {
    const before = await articleCount();
    for (const name of EXAMPLES) {
      const item = example(name);
      expect({ name, language: item.language ?? null }).toEqual({ name, language: name.startsWith('005') ? 'en' : null });
      const r = await run({ ninjs: item, locale: 'EN', dryRun: true });
      expect({ name, existing: r.existing, title: r.title }).toEqual({ name, existing: false, title: item.headlines[0].value });
      expect(r.lede.length).toBeGreaterThan(0);
      expect(r.datePrecision).toBe('TIME');
    }
    expect(await articleCount()).toBe(before);
  });

  it('takes the dateline, the agency and the listed entities of the complex example', async () => {
    const r = await run({ ninjs: example('005_complex_text_article.json'), dryRun: true });
    expect(r.dateline).toBe('Grossetto, Italy');
    expect(r.agency).toBe('AP');
    expect(r.lede).toMatch(/^The trial of the captain/);
    expect(r.candidates.map((c) => c.name)).toEqual(expect.arrayContaining(['Francesco Schettino', 'Grossetto', 'Tuscany', 'Italy', 'Costa Crociere SpA']));
    expect(r.candidates.find((c) => c.name === 'Tuscany')!.count).toBe(1);
    expect(r.candidates.find((c) => c.name === 'Costa Crociere SpA')!.count).toBe(1); // listed, never in the text
    expect(r.mentions).toEqual([]);
  });

  it('maps a listed entity to a known one by its Wikidata URI, whatever it is called here', async () => {
    const schettino = await createEntity(server.prisma, { EN: 'Captain Schettino' });
    await server.prisma.entity.update({ where: { id: schettino.id }, data: { wikidataId: 'Q4421821' } });
    const italy = await createEntity(server.prisma, { EN: 'Grosseto' }, 'PLACE');
    try {
      const r = await run({ ninjs: { ...example('005_complex_text_article.json'), located: 'Grosseto, Italy' }, dryRun: true });
      // The item's name for it counts in the text: "Francesco Schettino" once (then "Schettino", no name of it).
      expect(r.mentions.map((m) => [m.entity.name, m.count])).toEqual(expect.arrayContaining([['Captain Schettino', 1]]));
      expect(r.candidates.map((c) => c.name)).not.toContain('Francesco Schettino');
      expect(r.datelineEntity?.id).toBe(globalIdOf('Entity', italy.id));
    } finally {
      await server.prisma.entity.deleteMany({ where: { id: { in: [schettino.id, italy.id] } } });
    }
  });

  it('reads an HTML-only body (headings, entities, line breaks) and our own entity URNs, a merged one standing for the one kept', async () => {
    const campbell = await server.prisma.entity.findUniqueOrThrow({ where: { key: 'kurt-campbell' } });
    const twin = await createEntity(server.prisma, { EN: 'K. M. Campbell (duplicate)' });
    await server.prisma.entity.update({ where: { id: twin.id }, data: { mergedIntoId: campbell.id } });
    const item = {
      uri: 'urn:example:html-only',
      language: 'en',
      headlines: [{ value: 'Talks in Niamey' }],
      bodies: [
        {
          contentType: 'text/html',
          value:
            '<div><p>NIAMEY (AFP) - Talks &amp; more talks.<br>Then a <b>pause</b>.</p><h3>Next&nbsp;steps</h3><ul><li>One</li><li>Two</li></ul><script>x()</script></div>',
        },
      ],
      people: [{ name: 'The US envoy', uri: `urn:depeche:entity:${twin.id}` }],
    };
    const r = await run({ ninjs: item, dryRun: true });
    expect(r.lede).toBe('Talks & more talks.');
    expect(r.body).toEqual([
      { kind: 'TEXT', text: 'Then a pause.' },
      { kind: 'HEADING', text: 'Next steps' },
      { kind: 'TEXT', text: 'One' },
      { kind: 'TEXT', text: 'Two' },
    ]);
    expect([r.dateline, r.agency]).toEqual(['Niamey', 'AFP']);
    expect(r.mentions.map((m) => [m.entity.id, m.count])).toEqual([[globalIdOf('Entity', campbell.id), 1]]);
    expect(r.candidates).toEqual([]);
  });

  it('two editors importing one new item at once get one draft', async () => {
    const item = { ...example('005_complex_text_article.json'), uri: 'urn:example:race', version: '1' };
    const before = await articleCount();
    const [a, b] = await Promise.all([run({ ninjs: item }), run({ ninjs: item }, editorEn)]);
    expect([a.existing, b.existing].sort()).toEqual([false, true]);
    expect(a.article!.id).toBe(b.article!.id);
    expect(await articleCount()).toBe(before + 1);
  });

  it('imports each for real as a draft; 001 and 004 share a uri (and no version): the second is the first', async () => {
    const before = await articleCount();
    const ids: string[] = [];
    for (const name of EXAMPLES) {
      const r = await run({ ninjs: example(name), locale: 'EN' });
      expect({ name, existing: r.existing, locale: r.article?.sourceLocale }).toEqual({ name, existing: name.startsWith('004'), locale: 'EN' });
      ids.push(r.article!.id);
    }
    expect(ids[2]).toBe(ids[0]);
    expect(await articleCount()).toBe(before + 3);
    const status = await server.prisma.article.findMany({ where: { ninjsUri: { startsWith: 'http://' } }, select: { status: true } });
    expect(status.map((s) => s.status)).toEqual(['DRAFT', 'DRAFT', 'DRAFT']);
  });
});

describe('round trip: our own ninjs out, imported as new', () => {
  for (const locale of ['FR', 'EN'] as const) {
    it(`gives back the ${locale} text, paragraph kinds and mentions of the seed article`, async () => {
      const seed = await seedIn(locale);
      // As exported, the item is the seed article itself: found, nothing written.
      const dry = await run({ ninjs: seed.ninjs, dryRun: true });
      expect([dry.existing, dry.article?.id]).toEqual([true, seed.id]);

      const before = await articleCount();
      const copy = await run({ ninjs: { ...seed.ninjs, uri: `urn:example:partner:${locale.toLowerCase()}-copy` } });
      expect(copy.existing).toBe(false);
      expect(await articleCount()).toBe(before + 1);
      const a = copy.article!;
      expect(a.id).not.toBe(seed.id);
      expect(a.sourceLocale).toBe(locale);
      expect([a.title, a.lede, a.body]).toEqual([seed.title, seed.lede, seed.body]);
      expect(a.body.filter((p) => p.kind === 'HEADING').map((p) => p.text)).toEqual(expect.arrayContaining(['Africa Corps']));
      // The same entities. An article's mention counts are those of its source text: the seed's
      // are counted in French, so the English copy, whose source is English, counts in English.
      if (locale === 'FR') expect(sorted(a.mentions)).toEqual(sorted(seed.mentions));
      else expect(a.mentions.map((m) => m.entity.id).sort()).toEqual(seed.mentions.map((m) => m.entity.id).sort());
      // Quotes come from the body text, as the raw importer finds them.
      if (locale === 'FR') expect(a.quotes.map((q) => q.text)).toEqual(seed.quotes.map((q) => q.text));
      else expect(a.quotes.length).toBeGreaterThan(0);
    });
  }

  it('finds the same item again, and refuses another version of it (CONFLICT, in both languages)', async () => {
    const seed = await seedIn('FR');
    const item = { ...seed.ninjs, uri: 'urn:example:partner:versions', version: '1' };
    const first = await run({ ninjs: item });
    const again = await run({ ninjs: item });
    expect([again.existing, again.article!.id]).toEqual([true, first.article!.id]);
    const before = await articleCount();
    for (const dryRun of [true, false]) {
      const [fr] = await graphqlErrors(run({ ninjs: { ...item, version: '2' }, dryRun }));
      expect(fr!.extensions!.code).toBe('CONFLICT');
      expect(fr!.message).toContain(`la version 2 n'est pas importée`);
      expect(fr!.message).toContain(first.article!.slug);
    }
    const [en] = await graphqlErrors(run({ ninjs: { ...item, version: '2' } }, editorEn));
    expect(en!.message).toBe(
      `The ninjs item urn:example:partner:versions was already imported at version 1 (article "${first.article!.slug}"); version 2 is not imported over it: edit that article, or import the item under another uri to make a new draft of it.`,
    );
    // Our own uri with another version than the article's: an older export of it.
    const [own] = await graphqlErrors(run({ ninjs: { ...seed.ninjs, version: '999' }, dryRun: true }));
    expect(own!.extensions!.code).toBe('CONFLICT');
    expect(await articleCount()).toBe(before);
  });
});

describe('what importDispatch refuses', () => {
  const valid = () => example('005_complex_text_article.json');
  const refusal = async (input: Record<string, unknown>) => {
    const [fr] = await graphqlErrors(run(input));
    const [en] = await graphqlErrors(run(input, editorEn));
    expect([fr!.extensions!.code, en!.extensions!.code]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    return { fr: fr!, en: en! };
  };

  it("an invalid item, with the schema's complaint in the caller's language", async () => {
    const { uri: _uri, ...noUri } = valid();
    const missing = await refusal({ ninjs: noUri, dryRun: true });
    expect(missing.fr.message).toBe(
      "« input.ninjs » n'est pas un article ninjs 3.1 valide selon le schéma officiel : / must have required property 'uri' (extensions.problems donne toutes les erreurs).",
    );
    expect(missing.en.message).toBe(
      '"input.ninjs" is not a valid ninjs 3.1 item according to the official schema: / must have required property \'uri\' (extensions.problems lists every error).',
    );
    expect(missing.en.extensions!.argument).toBe('input.ninjs');

    const types = await refusal({ ninjs: { ...valid(), headlines: 'Captain on trial', version: 2 }, dryRun: true });
    expect(types.en.message).toContain('schema: /version must be string (');
    expect(types.fr.extensions!.problems).toEqual(
      expect.arrayContaining([
        { path: '/headlines', message: 'must be array' },
        { path: '/version', message: 'must be string' },
      ]),
    );
    const notObject = await refusal({ ninjs: 'urn:x', locale: 'EN', dryRun: true });
    expect(notObject.en.message).toContain(': / must be object');
  });

  it('a language that is neither French nor English, or that contradicts input.locale, or none at all', async () => {
    const german = await refusal({ ninjs: { ...valid(), language: 'de-AT' }, dryRun: true });
    expect(german.fr.message).toBe('« input.ninjs.language » vaut « de-AT » : seuls les articles en français (fr) et en anglais (en) peuvent être importés.');
    expect(german.en.message).toBe('"input.ninjs.language" is "de-AT": only items in French (fr) and English (en) can be imported.');
    const mismatch = await refusal({ ninjs: valid(), locale: 'FR', dryRun: true });
    expect(mismatch.en.message).toMatch(/"input.locale" is FR, but the ninjs item says it is in "en"/);
    const none = await refusal({ ninjs: example('001_simple_example.json'), dryRun: true });
    expect(none.fr.message).toMatch(/ne dit pas sa langue/);
    expect(none.en.extensions!.argument).toBe('input.locale');
    const british = await run({ ninjs: { ...valid(), uri: 'urn:example:british', language: 'EN-gb' }, dryRun: true });
    expect([british.existing, british.title]).toEqual([false, valid().headlines[0].value]);
  });

  it('both text and ninjs, neither, raw text without a locale, an item with no text', async () => {
    const both = await refusal({ text: 'Niamey (AFP) - Un texte.', locale: 'FR', ninjs: valid(), dryRun: true });
    expect(both.en.message).toBe('Give exactly one of "input.text" (the raw text of a dispatch) and "input.ninjs" (a ninjs 3.1 item).');
    expect((await refusal({ dryRun: true })).fr.message).toMatch(/^Donnez exactement un des deux/);
    expect((await refusal({ text: 'Niamey (AFP) - Un texte.', dryRun: true })).en.extensions!.argument).toBe('input.locale');
    const nul = await refusal({ ninjs: { ...valid(), headlines: [{ role: 'main', value: 'Captain\u0000' }] }, dryRun: true });
    expect(nul.en.message).toBe('"input.ninjs.headlines[0].value" contains a NUL character (\\u0000), which cannot be stored: remove it.');
    const long = await refusal({ ninjs: { ...valid(), uri: `urn:example:${'x'.repeat(3000)}` }, dryRun: true });
    expect([long.fr.extensions!.argument, long.en.message]).toEqual([
      'input.ninjs.uri',
      '"input.ninjs.uri" is longer than 1000 characters: no agency item has such a uri.',
    ]);
    const index = await refusal({ ninjs: { ...valid(), subjects: Array.from({ length: 201 }, (_, i) => ({ name: `Subject ${i}` })) }, dryRun: true });
    expect(index.en.message).toBe('"input.ninjs.subjects" cannot contain more than 200 items.');
    const empty = await refusal({ ninjs: { uri: 'urn:example:empty', language: 'en', headlines: [{ value: 'Only a headline' }] }, dryRun: true });
    expect(empty.en.extensions!.argument).toBe('input.ninjs.bodies');
  });
});

describe('npm run import with a .json file', () => {
  it('prints the plan of a ninjs item, and the complaint about an invalid one (exit 2)', async () => {
    await withImportCli('ninjs', async (cli) => {
      const { stdout } = await cli(exampleFile('005_complex_text_article.json'), '--dry-run');
      expect(stdout).toMatch(/^Dry run: nothing written\./);
      expect(stdout).toContain('ninjs item: http://ninjs.example.com/newsitems/20130709med123 (version -), language en');
      expect(stdout).toContain('Title: Captain of wrecked cruise ship on trial in Italy');
      expect(stdout).toContain('Dateline: Grossetto, Italy  Agency: AP');
      expect(stdout).toMatch(/Candidates: \d+\n {2}Francesco Schettino ×1\n/);

      const real = await cli(exampleFile('004_simple_text_article.json'), '--locale', 'en');
      expect(real.stdout).toMatch(/^Imported as draft article \d+\./);
      expect((await cli(exampleFile('004_simple_text_article.json'), '--locale', 'en')).stdout).toMatch(/^Already imported: article \d+ \(nothing written\)\./);

      const bad = path.join(await mkdtemp(path.join(tmpdir(), 'depeche-ninjs-bad-')), 'bad.json');
      await writeFile(bad, JSON.stringify({ type: 'text', language: 'en', headlines: [{ value: 1 }] }));
      await expect(cli(bad, '--locale', 'en', '--dry-run')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining("/ must have required property 'uri'"),
      });
      await expect(cli(exampleFile('001_simple_example.json'), '--dry-run')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/language/) });
    });
  }, 60_000);
});
