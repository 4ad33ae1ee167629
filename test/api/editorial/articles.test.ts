import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { createEntity, globalIdOf } from '../../support/fixtures.js';
import { authHeader } from '../../support/tokens.js';
import { TEXT_LIMITS } from '../../../src/editorial/limits.js';
import {
  CREATE,
  PUBLISH,
  RESTORE,
  UPDATE,
  UPSERT,
  create,
  paragraphs,
  publishTranslation,
  queue,
  revisions,
  update,
  upsert,
  type ArticleData,
} from '../../support/articles-api.js';

let server: TestServer;
let editor: GraphQLClient;
let editorEn: GraphQLClient;
let entities: { us: string; niger: string; niamey: string };

const EDITOR_NAME = 'marie-desk-fr';
const TITLE_1 = "Les États-Unis acceptent de quitter Zinder d'ici l'été";
const TITLE_2 = 'Washington confirme son départ de Zinder';
const TITLE_EN = 'US agrees to leave Zinder by the summer';
const TITLE_EN_2 = 'Washington confirms it is leaving Zinder';

beforeAll(async () => {
  server = await startTestServer();
  const headers = await authHeader(server, 'EDITOR', EDITOR_NAME);
  editor = server.client(headers);
  editorEn = server.client({ ...headers, 'accept-language': 'en' });
  const id = async (key: string) => globalIdOf('Entity', (await server.prisma.entity.findUniqueOrThrow({ where: { key } })).id);
  entities = { us: await id('united-states'), niger: await id('niger'), niamey: await id('niamey') };
});
afterAll(() => server?.close());

// Every read path, in one language: by id, by slug, in the feed, as a node, through search, through an entity it names.
const READS = gql`
  query Reads($id: ID!, $slug: String!, $locale: Locale!, $q: String!, $entity: ID!) {
    byId: article(id: $id, locale: $locale) { title version }
    bySlug: article(slug: $slug, locale: $locale) { title version }
    list: articles(locale: $locale, first: 100) { edges { node { id title version } } }
    node(id: $id) { ... on Article { title version } }
    search(query: $q, locale: $locale, filter: { kinds: [ARTICLE] }) { edges { node { ... on ArticleHit { article { id title version } } } } }
    entity(id: $entity, locale: $locale) { articles(first: 100) { edges { node { id title version } } } }
  }
`;
type Seen = { title: string; version: number } | null;
interface Reads {
  byId: Seen;
  bySlug: Seen;
  list: { edges: { node: { id: string; title: string; version: number } }[] };
  node: Seen;
  search: { edges: { node: { article: { id: string; title: string; version: number } } }[] };
  entity: { articles: { edges: { node: { id: string; title: string; version: number } }[] } };
}

/** What each read path shows of the article, for a client with `headers`. */
async function readEverywhere(headers: Record<string, string>, a: { id: string; slug: string }, locale: 'FR' | 'EN') {
  const client = server.client({ ...headers, 'accept-language': locale.toLowerCase() });
  const data = await client.request<Reads>(READS, { id: a.id, slug: a.slug, locale, q: 'Zinder', entity: entities.niger });
  const pick = (s: Seen) => s && { title: s.title, version: s.version };
  return {
    byId: pick(data.byId),
    bySlug: pick(data.bySlug),
    list: pick(data.list.edges.find((e) => e.node.id === a.id)?.node ?? null),
    node: pick(data.node),
    search: pick(data.search.edges.find((e) => e.node.article.id === a.id)?.node.article ?? null),
    entity: pick(data.entity.articles.edges.find((e) => e.node.id === a.id)?.node ?? null),
  };
}

/** Every path, in both languages, shows this version with these titles (no stale copy anywhere). */
async function expectFresh(headers: Record<string, string>, a: ArticleData, titles: { FR: string; EN: string }) {
  for (const locale of ['FR', 'EN'] as const) {
    const seen = { title: titles[locale], version: a.version };
    expect(await readEverywhere(headers, a, locale), `${locale} reads`).toEqual({
      byId: seen,
      bySlug: seen,
      list: seen,
      node: seen,
      search: seen,
      entity: seen,
    });
  }
}

describe('the editor story', () => {
  let article: ArticleData;
  let editorHeaders: Record<string, string>;
  beforeAll(async () => {
    editorHeaders = await authHeader(server, 'EDITOR', 'reader-of-drafts');
  });

  it('creates a French draft with its mentions, dateline and a slug with accents folded', async () => {
    article = await create(editor, {
      sourceLocale: 'FR',
      title: TITLE_1,
      lede: 'Les soldats américains quitteront la base.',
      body: [
        { kind: 'TEXT', text: 'Premier paragraphe.' },
        { kind: 'HEADING', text: 'Un calendrier serré' },
        { kind: 'TEXT', text: 'Deuxième paragraphe.' },
      ],
      agency: 'AFP',
      publishedAt: '2024-04-19T08:00:00.000Z',
      dateline: entities.niamey,
      mentions: [{ entity: entities.us, count: 3 }, { entity: entities.niger }],
    });
    expect(article).toMatchObject({
      slug: 'les-etats-unis-acceptent-de-quitter-zinder-d-ici-l-ete',
      version: 1,
      sourceLocale: 'FR',
      locale: 'FR',
      title: TITLE_1,
      lede: 'Les soldats américains quitteront la base.',
      body: [
        { kind: 'TEXT', text: 'Premier paragraphe.' },
        { kind: 'HEADING', text: 'Un calendrier serré' },
        { kind: 'TEXT', text: 'Deuxième paragraphe.' },
      ],
      agency: 'AFP',
      publishedAt: '2024-04-19T08:00:00.000Z',
      datePrecision: 'DAY',
      dateline: { name: 'Niamey' },
      translations: [{ locale: 'FR', title: TITLE_1, origin: 'ORIGINAL', version: 1, sourceVersion: 1 }],
      fr: 'CURRENT',
      en: 'MISSING',
    });
    expect(article.mentions).toEqual([
      { count: 3, entity: { id: entities.us, name: expect.any(String) } },
      { count: 1, entity: { id: entities.niger, name: 'Niger' } },
    ]);
    await expectFresh(editorHeaders, article, { FR: TITLE_1, EN: TITLE_1 });
  });

  it('is a draft: anonymous readers see it on no path', async () => {
    for (const locale of ['FR', 'EN'] as const) {
      expect(await readEverywhere({}, article, locale)).toEqual({ byId: null, bySlug: null, list: null, node: null, search: null, entity: null });
    }
  });

  it('gives a second article with the same title a slug of its own', async () => {
    const input = { sourceLocale: 'FR', title: 'Élection à Tahoua : l’opposition conteste', body: [] };
    const first = await create(editor, input);
    const second = await create(editor, input);
    expect(first.slug).toBe('election-a-tahoua-l-opposition-conteste');
    expect(second.slug).toBe('election-a-tahoua-l-opposition-conteste-2');
  });

  it('lists the article in the English translation queue while its English is MISSING', async () => {
    const q = await queue(editor, 'EN');
    expect(q.edges.find((e) => e.node.id === article.id)?.node).toMatchObject({ en: 'MISSING', locale: 'FR', isFallback: true });
    expect((await queue(editor, 'FR')).edges.map((e) => e.node.id)).not.toContain(article.id);
  });

  it('adds the English translation: CURRENT, and gone from the queue', async () => {
    article = await upsert(editor, article.id, 1, 'EN', {
      title: TITLE_EN,
      lede: 'American soldiers will leave the base.',
      body: [{ kind: 'TEXT', text: 'First paragraph.' }],
      origin: 'HUMAN',
    });
    expect(article).toMatchObject({ version: 2, locale: 'EN', title: TITLE_EN, fr: 'CURRENT', en: 'CURRENT' });
    expect(article.translations).toEqual([
      { locale: 'FR', title: TITLE_1, origin: 'ORIGINAL', version: 1, sourceVersion: 1 },
      { locale: 'EN', title: TITLE_EN, origin: 'HUMAN', version: 1, sourceVersion: 1 },
    ]);
    expect((await queue(editor, 'EN')).edges.map((e) => e.node.id)).not.toContain(article.id);
    await expectFresh(editorHeaders, article, { FR: TITLE_1, EN: TITLE_EN });
  });

  it('makes the English OUTDATED when the French title changes, and queues it again', async () => {
    article = await update(editor, article.id, 2, { title: TITLE_2 });
    expect(article).toMatchObject({
      version: 3,
      title: TITLE_2,
      slug: 'les-etats-unis-acceptent-de-quitter-zinder-d-ici-l-ete',
      fr: 'CURRENT',
      en: 'OUTDATED',
    });
    expect(article.lede).toBe('Les soldats américains quitteront la base.');
    expect(article.translations.find((t) => t.locale === 'FR')).toMatchObject({ version: 2 });
    const listed = (await queue(editor, 'EN')).edges.find((e) => e.node.id === article.id)?.node;
    expect(listed).toMatchObject({ en: 'OUTDATED', title: TITLE_EN, locale: 'EN', isFallback: false });
    await expectFresh(editorHeaders, article, { FR: TITLE_2, EN: TITLE_EN });
  });

  it('keeps the replaced French title as a revision, with its author and version', async () => {
    const fr = await revisions(editor, article.id, 'FR');
    expect(fr.totalCount).toBe(1);
    expect(fr.edges[0]!.node).toMatchObject({
      locale: 'FR',
      version: 1,
      title: TITLE_1,
      lede: 'Les soldats américains quitteront la base.',
      body: [
        { kind: 'TEXT', text: 'Premier paragraphe.' },
        { kind: 'HEADING', text: 'Un calendrier serré' },
        { kind: 'TEXT', text: 'Deuxième paragraphe.' },
      ],
      author: EDITOR_NAME,
    });
    expect(Date.now() - Date.parse(fr.edges[0]!.node.createdAt)).toBeLessThan(60_000);
    expect((await revisions(editor, article.id, 'EN')).totalCount).toBe(0);
  });

  it('updating the English makes it CURRENT again, keeps its old text, and empties the queue', async () => {
    article = await upsert(editor, article.id, 3, 'EN', { title: TITLE_EN_2, body: [{ kind: 'TEXT', text: 'First paragraph.' }], origin: 'MACHINE' });
    expect(article).toMatchObject({ version: 4, title: TITLE_EN_2, lede: null, en: 'CURRENT' });
    expect(article.translations.find((t) => t.locale === 'EN')).toEqual({ locale: 'EN', title: TITLE_EN_2, origin: 'MACHINE', version: 2, sourceVersion: 2 });
    expect((await queue(editor, 'EN')).edges.map((e) => e.node.id)).not.toContain(article.id);
    const en = await revisions(editor, article.id, 'EN');
    expect(en.edges.map((e) => [e.node.version, e.node.title, e.node.lede])).toEqual([[1, TITLE_EN, 'American soldiers will leave the base.']]);
    await expectFresh(editorHeaders, article, { FR: TITLE_2, EN: TITLE_EN_2 });
  });

  it('restores the earlier French title as a new revision, making the English OUTDATED', async () => {
    const [old] = (await revisions(editor, article.id, 'FR')).edges;
    const { restoreArticleRevision } = await editor.request<{ restoreArticleRevision: ArticleData }>(RESTORE, { id: article.id, v: 4, revision: old!.node.id });
    article = restoreArticleRevision;
    expect(article).toMatchObject({ version: 5, title: TITLE_1, fr: 'CURRENT', en: 'OUTDATED' });
    expect(article.translations.find((t) => t.locale === 'FR')).toMatchObject({ version: 3 });
    const fr = await revisions(editor, article.id, 'FR');
    expect(fr.totalCount).toBe(2);
    expect(fr.edges.map((e) => [e.node.version, e.node.title])).toEqual([
      [2, TITLE_2],
      [1, TITLE_1],
    ]);
    await expectFresh(editorHeaders, article, { FR: TITLE_1, EN: TITLE_EN_2 });
  });

  it('pages revisions newest first', async () => {
    const first = await revisions(editor, article.id, 'FR', 1);
    expect(first.edges.map((e) => e.node.version)).toEqual([2]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await revisions(editor, article.id, 'FR', 1, first.pageInfo.endCursor!);
    expect(next.edges.map((e) => e.node.version)).toEqual([1]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('restores an old translation with what it was made from', async () => {
    const [machine] = (await revisions(editor, article.id, 'EN')).edges;
    // The first English text translated source version 1: restoring it keeps it OUTDATED.
    const { restoreArticleRevision } = await editor.request<{ restoreArticleRevision: ArticleData }>(RESTORE, {
      id: article.id,
      v: 5,
      revision: machine!.node.id,
      locale: 'EN',
    });
    article = restoreArticleRevision;
    expect(article).toMatchObject({ version: 6, title: TITLE_EN, en: 'OUTDATED' });
    expect(article.translations.find((t) => t.locale === 'EN')).toEqual({ locale: 'EN', title: TITLE_EN, origin: 'HUMAN', version: 3, sourceVersion: 1 });
    expect((await revisions(editor, article.id, 'EN')).edges.map((e) => [e.node.version, e.node.title])).toEqual([
      [2, TITLE_EN_2],
      [1, TITLE_EN],
    ]);
  });

  it('changes article fields without touching the text or its revisions', async () => {
    article = await update(editor, article.id, 6, { agency: 'Reuters', datePrecision: 'MONTH', dateline: null });
    expect(article).toMatchObject({ version: 7, agency: 'Reuters', datePrecision: 'MONTH', dateline: null, title: TITLE_1 });
    expect(article.translations.find((t) => t.locale === 'FR')).toMatchObject({ version: 3 });
    expect((await revisions(editor, article.id, 'FR')).totalCount).toBe(2);
  });

  it('is visible to everyone once published, on every path and in both languages', async () => {
    await editor.request<{ publishArticle: ArticleData }>(PUBLISH, { id: article.id, v: 7 });
    // Publishing the article publishes its source; the English, a translation, is published on its own.
    article = await publishTranslation(editor, article.id, 8, 'EN');
    await expectFresh({}, article, { FR: TITLE_1, EN: TITLE_EN });
    article = await update(editor, article.id, 9, { title: TITLE_2 });
    await expectFresh({}, article, { FR: TITLE_2, EN: TITLE_EN });
  });

  it('refuses to remove the date of a published article', async () => {
    const [error] = await graphqlErrors(editor.request(UPDATE, { id: article.id, v: 10, input: { publishedAt: null } }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.publishedAt' } });
    expect((await revisions(editor, article.id, 'FR')).totalCount).toBe(3);
  });
});

describe('the translation queue', () => {
  it('lists the oldest source change first, and pages through the whole queue', async () => {
    const a = await create(editor, { sourceLocale: 'FR', title: 'File : premier article', body: [] });
    const b = await create(editor, { sourceLocale: 'FR', title: 'File : second article', body: [] });
    const c = await create(editor, { sourceLocale: 'EN', title: 'Queue: English article', body: [] });
    await upsert(editor, c.id, 1, 'FR', { title: 'File : article anglais traduit', body: [], origin: 'HUMAN' });
    const mine = async () => (await queue(editor, 'EN')).edges.map((e) => e.node.id).filter((id) => [a.id, b.id, c.id].includes(id));
    expect(await mine()).toEqual([a.id, b.id]);
    // Editing A's source makes it the most recent change: it moves behind B.
    await update(editor, a.id, 1, { lede: 'Nouveau chapeau.' });
    expect(await mine()).toEqual([b.id, a.id]);
    expect((await queue(editor, 'FR')).edges.map((e) => e.node.id)).not.toContain(c.id);

    const all = await queue(editor, 'EN');
    const paged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { translationQueue: page } = await editor.request<{
        translationQueue: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }>(gql`query ($after: String) { translationQueue(locale: EN, first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, {
        after,
      });
      paged.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.edges.map((e) => e.node.id));
    expect(paged).toHaveLength(all.totalCount);
  });

  it('refuses a cursor of another list', async () => {
    const { articles } = await editor.request<{ articles: { pageInfo: { endCursor: string } } }>(gql`{ articles(first: 1) { pageInfo { endCursor } } }`);
    const [error] = await graphqlErrors(
      editor.request(gql`query ($after: String) { translationQueue(locale: EN, after: $after) { totalCount } }`, { after: articles.pageInfo.endCursor }),
    );
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });
});

describe('access', () => {
  it('refuses anonymous writers and readers of revisions or the queue', async () => {
    const anonymous = server.client();
    const [created] = await graphqlErrors(anonymous.request(CREATE, { input: { sourceLocale: 'FR', title: 'x', body: [] } }));
    expect(created).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const reader = server.client(await authHeader(server, 'READER'));
    const [queued] = await graphqlErrors(reader.request(gql`{ translationQueue(locale: EN) { totalCount } }`));
    expect(queued).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const [revised] = await graphqlErrors(reader.request(gql`{ articleRevisions(id: "x", locale: FR) { totalCount } }`));
    expect(revised).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});

describe('validation', () => {
  const valid = { sourceLocale: 'FR', title: 'Un titre valable', body: [{ kind: 'TEXT', text: 'Texte.' }] };
  let target: ArticleData;
  beforeAll(async () => {
    target = await create(editor, { ...valid, title: 'Cible des validations' });
  });

  const articleCount = () => server.prisma.article.count();

  it.each([
    ['a blank title', { ...valid, title: '   ' }, 'input.title', /« input\.title » ne peut pas être vide/, /"input\.title" cannot be empty/],
    [
      'a title over the limit',
      { ...valid, title: 'x'.repeat(TEXT_LIMITS.TITLE_MAX + 1) },
      'input.title',
      /dépasser 300 caractères/,
      /longer than 300 characters/,
    ],
    [
      'a blank paragraph',
      {
        ...valid,
        body: [
          { kind: 'TEXT', text: 'Bien.' },
          { kind: 'TEXT', text: ' \n ' },
        ],
      },
      'input.body[1].text',
      /« input\.body\[1\]\.text » ne peut pas être vide/,
      /cannot be empty/,
    ],
    ['too many paragraphs', { ...valid, body: paragraphs(TEXT_LIMITS.PARAGRAPHS_MAX + 1) }, 'input.body', /plus de 500 éléments/, /more than 500 items/],
    [
      'a mention counted 0 times',
      { ...valid, mentions: [{ entity: globalIdOf('Entity', 1), count: 0 }] },
      'input.mentions[0].count',
      /au moins 1/,
      /at least 1/,
    ],
    ['a malformed entity id', { ...valid, dateline: 'not-an-id' }, 'input.dateline', /identifiant valide/, /not a valid id/],
  ])('refuses %s on create: BAD_USER_INPUT naming the field, in French then English, nothing written', async (_what, input, argument, fr, en) => {
    const before = await articleCount();
    const [frError] = await graphqlErrors(editor.request(CREATE, { input }));
    expect(frError).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(frError!.message).toMatch(fr);
    const [enError] = await graphqlErrors(editorEn.request(CREATE, { input }));
    expect(enError).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(enError!.message).toMatch(en);
    expect(await articleCount()).toBe(before);
  });

  it('refuses the same entity mentioned twice', async () => {
    const input = { ...valid, mentions: [{ entity: entities.us }, { entity: entities.niger }, { entity: entities.us, count: 2 }] };
    const [error] = await graphqlErrors(editor.request(CREATE, { input }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.mentions[2].entity' } });
  });

  it('names the surviving entity when given one merged into another', async () => {
    const niger = await server.prisma.entity.findUniqueOrThrow({ where: { key: 'niger' } });
    const duplicate = await createEntity(server.prisma, { FR: 'République du Niger' }, 'PLACE');
    await server.prisma.entity.update({ where: { id: duplicate.id }, data: { mergedIntoId: niger.id } });
    const article = await create(editor, {
      ...valid,
      title: 'Article citant un doublon',
      dateline: globalIdOf('Entity', duplicate.id),
      mentions: [{ entity: entities.niger }, { entity: globalIdOf('Entity', duplicate.id), count: 2 }],
    });
    expect(article.dateline).toEqual({ name: 'Niger' });
    expect(article.mentions).toEqual([{ count: 3, entity: { id: entities.niger, name: 'Niger' } }]);
  });

  it('refuses unknown entities with NOT_FOUND naming the argument, and writes nothing', async () => {
    const before = await articleCount();
    const input = { ...valid, mentions: [{ entity: entities.us }, { entity: globalIdOf('Entity', 999_999) }] };
    const [error] = await graphqlErrors(editorEn.request(CREATE, { input }));
    expect(error).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'input.mentions[1].entity' } });
    expect(error!.message).toMatch(/"input\.mentions\[1\]\.entity" does not name/);
    const [dateline] = await graphqlErrors(editor.request(CREATE, { input: { ...valid, dateline: globalIdOf('Entity', 999_999) } }));
    expect(dateline).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'input.dateline' } });
    expect(await articleCount()).toBe(before);
  });

  it('refuses blank text and null body on update', async () => {
    for (const [input, argument] of [
      [{ title: '' }, 'input.title'],
      [{ title: null }, 'input.title'],
      [{ body: null }, 'input.body'],
      [{ body: [{ kind: 'HEADING', text: '' }] }, 'input.body[0].text'],
      [{ lede: 'x'.repeat(TEXT_LIMITS.LEDE_MAX + 1) }, 'input.lede'],
    ] as const) {
      const [error] = await graphqlErrors(editor.request(UPDATE, { id: target.id, v: target.version, input }));
      expect(error, JSON.stringify(input)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
    }
  });

  it('refuses an update with nothing in it', async () => {
    const [error] = await graphqlErrors(editorEn.request(UPDATE, { id: target.id, v: target.version, input: {} }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input' } });
    expect(error!.message).toMatch(/contains no change/);
  });

  it('refuses a translation in the source language, and ORIGINAL as a translation origin', async () => {
    const text = { title: 'Titre', body: [], origin: 'HUMAN' };
    const [source] = await graphqlErrors(editor.request(UPSERT, { id: target.id, v: target.version, locale: 'FR', input: text }));
    expect(source).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'locale' } });
    expect(source!.message).toMatch(/« locale » est la langue source/);
    const [sourceEn] = await graphqlErrors(editorEn.request(UPSERT, { id: target.id, v: target.version, locale: 'FR', input: text }));
    expect(sourceEn!.message).toMatch(/"locale" is the article's source language/);

    const [original] = await graphqlErrors(editor.request(UPSERT, { id: target.id, v: target.version, locale: 'EN', input: { ...text, origin: 'ORIGINAL' } }));
    expect(original).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.origin' } });
    expect(original!.message).toMatch(/« input\.origin » doit valoir l'une de ces valeurs : HUMAN, MACHINE/);
    const [originalEn] = await graphqlErrors(
      editorEn.request(UPSERT, { id: target.id, v: target.version, locale: 'EN', input: { ...text, origin: 'ORIGINAL' } }),
    );
    expect(originalEn!.message).toMatch(/"input\.origin" must be one of: HUMAN, MACHINE/);
    const row = await server.prisma.article.findFirstOrThrow({ where: { slug: target.slug }, include: { translations: true } });
    expect(row.version).toBe(target.version);
    expect(row.translations.map((t) => t.locale)).toEqual(['FR']);
  });

  it('refuses unknown enum values before running anything: a paragraph kind, a locale', async () => {
    // In variables: the variable cannot be coerced (Apollo reports BAD_USER_INPUT, naming the value).
    const [kind] = await graphqlErrors(editor.request(CREATE, { input: { ...valid, body: [{ kind: 'QUOTE', text: 'x' }] } }));
    expect(kind).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(kind!.message).toMatch(/"QUOTE".*ParagraphKind/);
    const [locale] = await graphqlErrors(editor.request(CREATE, { input: { ...valid, sourceLocale: 'DE' } }));
    expect(locale).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(locale!.message).toMatch(/"DE".*Locale/);
    // Written in the document: the document itself is invalid.
    const [inline] = await graphqlErrors(
      editor.request(gql`mutation { createArticle(input: { sourceLocale: DE, title: "x", body: [{ kind: QUOTE, text: "x" }] }) { id } }`),
    );
    expect(inline).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('answers NOT_FOUND for an article that does not exist, and BAD_USER_INPUT for an id that is not an article id', async () => {
    const missing = globalIdOf('Article', 999_999);
    const [update] = await graphqlErrors(editor.request(UPDATE, { id: missing, v: 1, input: { title: 'x' } }));
    expect(update).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
    const [translate] = await graphqlErrors(editor.request(UPSERT, { id: missing, v: 1, locale: 'EN', input: { title: 'x', body: [], origin: 'HUMAN' } }));
    expect(translate).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
    const [history] = await graphqlErrors(revisions(editor, missing, 'FR'));
    expect(history).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
    const [wrongKind] = await graphqlErrors(editor.request(UPDATE, { id: entities.us, v: 1, input: { title: 'x' } }));
    expect(wrongKind).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
    const [revision] = await graphqlErrors(editor.request(RESTORE, { id: target.id, v: target.version, revision: 'nope' }));
    expect(revision).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'revision' } });
  });

  it('refuses to restore a revision of another article (NOT_FOUND), changing nothing', async () => {
    const other = await create(editor, { ...valid, title: 'Autre article' });
    const edited = await update(editor, other.id, 1, { title: 'Autre article, corrigé' });
    const [theirs] = (await revisions(editor, edited.id, 'FR')).edges;
    const [error] = await graphqlErrors(editor.request(RESTORE, { id: target.id, v: target.version, revision: theirs!.node.id }));
    expect(error).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'revision' } });
    expect((await server.prisma.article.findFirstOrThrow({ where: { slug: target.slug } })).version).toBe(target.version);
  });

  it('answers a stale expectedVersion with CONFLICT and the current version, leaving the text as it was', async () => {
    const current = await update(editor, target.id, target.version, { title: 'Cible, première correction' });
    for (const [doc, vars] of [
      [UPDATE, { input: { title: 'Écrasement silencieux' } }],
      [UPSERT, { locale: 'EN', input: { title: 'Silent overwrite', body: [], origin: 'HUMAN' } }],
    ] as [string, Record<string, unknown>][]) {
      const [error] = await graphqlErrors(editor.request(doc, { id: target.id, v: target.version, ...vars }));
      expect(error).toMatchObject({ extensions: { code: 'CONFLICT', expectedVersion: target.version, currentVersion: current.version } });
      expect(error!.message).toMatch(/modifié entre-temps/);
    }
    const { article } = await editor.request<{ article: ArticleData }>(gql`query ($id: ID!) { article(id: $id) { version title translations { locale } } }`, {
      id: target.id,
    });
    expect(article).toEqual({ version: current.version, title: 'Cible, première correction', translations: [{ locale: 'FR' }] });
    expect((await revisions(editor, target.id, 'FR')).totalCount).toBe(1);
  });
});
