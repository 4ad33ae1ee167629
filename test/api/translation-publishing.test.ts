import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, gql, type GraphQLClient } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';
import { authHeader } from '../support/tokens.js';
import { createEntity, globalIdOf } from '../support/fixtures.js';
import { create, update, upsert } from '../support/articles-api.js';

// Publishing per language, the whole story: a French dispatch published, its English machine
// translation invisible to readers on every read path until an editor reviewed and published it.
// The response cache is on: readers' answers are cached, and must follow every step.

let server: TestServer;
let editor: GraphQLClient;
let secondEditor: GraphQLClient;
let readerToken: Record<string, string>;
const anonymous = (lang = 'en') => server.client({ 'accept-language': lang });

const FR = {
  title: 'Les bergers du plateau de Zembla manquent de pâturages',
  lede: 'Sur le plateau de Zembla, les troupeaux ne trouvent plus d’herbe.',
  body: [{ kind: 'TEXT', text: 'Les éleveurs de Zembla attendent la pluie depuis des mois.' }],
};
const EN = {
  title: 'Zembla plateau herders run out of meltwater',
  lede: 'On the Zembla plateau, the herds find no meltwater any more.',
  body: [{ kind: 'TEXT', text: 'Zembla herders have waited months for the meltwater.' }],
  origin: 'MACHINE',
};
const QUOTE_FR = 'Nous ne savons plus où mener nos bêtes';
const QUOTE_EN = 'We no longer know where to take our meltwater herds';

let articleId: string;
let slug: string;
let quoteId: string;
let speakerId: string;
let version: number;

/** The first error of a refused request: code, message, argument. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => (e instanceof ClientError ? e.response.errors![0]! : Promise.reject(e)),
  );
  expect(error).not.toBeNull();
  return { code: error!.extensions?.code, message: error!.message, argument: error!.extensions?.argument };
}

const STEP = (name: string) => gql`mutation ($id: ID!, $locale: Locale!, $v: Int!) {
  ${name}(id: $id, locale: $locale, expectedVersion: $v) {
    version status translations { locale origin status reviewedBy reviewedAt }
  }
}`;
interface StepAnswer {
  version: number;
  status: string;
  translations: { locale: string; origin: string; status: string; reviewedBy: string | null; reviewedAt: string | null }[];
}
const step = (client: GraphQLClient, name: string, v: number, locale = 'EN') =>
  client.request<Record<string, StepAnswer>>(STEP(name), { id: articleId, locale, v }).then((d) => d[name]!);

// Every read path a reader of English takes to the article, its quote and its texts.
const READ = gql`query ($id: ID!, $slug: String!, $quote: ID!, $speaker: ID!) {
  bySlug: article(slug: $slug) {
    title locale isFallback availableLocales lede body { text }
    translations { locale title } en: translationState(locale: EN)
    quotes { text locale isFallback }
  }
  node(id: $id) { ... on Article { title locale isFallback } }
  feed: articles(first: 50) { edges { node { id title locale isFallback quotes { text locale } } } }
  inEnglish: articles(first: 50, filter: { availableIn: EN }) { totalCount edges { node { id } } }
  quote(id: $quote) { text locale isFallback translations { locale text } article { title locale } }
  quotes(first: 50, filter: { article: $id }) { totalCount edges { node { text locale isFallback } } }
  entity(id: $speaker) {
    articles(first: 10) { totalCount edges { node { title locale isFallback availableLocales } } }
    quotes(first: 10) { totalCount edges { node { text locale isFallback } } }
  }
  formats: article(slug: $slug) { ninjs jsonLd }
  meltwater: search(query: "meltwater", first: 20) { totalCount edges { node { kind matchedLocale snippetLocale } } }
  zemblaInEnglish: search(query: "Zembla", first: 20, filter: { availableIn: EN }) { totalCount }
  zembla: search(query: "Zembla", first: 20) {
    totalCount edges { node { kind snippet snippetLocale ... on ArticleHit { article { id title locale } } } }
  }
}`;
interface ReadAnswer {
  bySlug: {
    title: string;
    locale: string;
    isFallback: boolean;
    availableLocales: string[];
    lede: string;
    body: { text: string }[];
    translations: { locale: string; title: string }[];
    en: string;
    quotes: { text: string; locale: string; isFallback: boolean }[];
  };
  node: { title: string; locale: string; isFallback: boolean };
  feed: { edges: { node: { id: string; title: string; locale: string; isFallback: boolean; quotes: { text: string; locale: string }[] } }[] };
  inEnglish: { totalCount: number; edges: { node: { id: string } }[] };
  quote: { text: string; locale: string; isFallback: boolean; translations: { locale: string; text: string }[]; article: { title: string; locale: string } };
  quotes: { totalCount: number; edges: { node: { text: string; locale: string; isFallback: boolean } }[] };
  entity: {
    articles: { totalCount: number; edges: { node: { title: string; locale: string; isFallback: boolean; availableLocales: string[] } }[] };
    quotes: { totalCount: number; edges: { node: { text: string; locale: string; isFallback: boolean } }[] };
  };
  formats: { ninjs: Record<string, unknown>; jsonLd: Record<string, unknown> };
  meltwater: { totalCount: number; edges: { node: { kind: string; matchedLocale: string; snippetLocale: string } }[] };
  zemblaInEnglish: { totalCount: number };
  zembla: {
    totalCount: number;
    edges: { node: { kind: string; snippet: string; snippetLocale: string; article?: { id: string; title: string; locale: string } } }[];
  };
}
const read = (client: GraphQLClient) => client.request<ReadAnswer>(READ, { id: articleId, slug, quote: quoteId, speaker: speakerId });

/** What every path answers an English reader while the English is not published: the French, as a fallback, and no trace of the English. */
function expectFrenchOnly(r: ReadAnswer, englishArticlesBefore: number) {
  const french = { title: FR.title, locale: 'FR', isFallback: true };
  expect(r.bySlug).toEqual({
    ...french,
    availableLocales: ['FR'],
    lede: FR.lede,
    body: [{ text: FR.body[0]!.text }],
    translations: [{ locale: 'FR', title: FR.title }],
    en: 'MISSING',
    quotes: [{ text: QUOTE_FR, locale: 'FR', isFallback: true }],
  });
  expect(r.node).toEqual(french);
  expect(r.feed.edges.find((e) => e.node.id === articleId)?.node).toEqual({ id: articleId, ...french, quotes: [{ text: QUOTE_FR, locale: 'FR' }] });
  expect(r.inEnglish.edges.map((e) => e.node.id)).not.toContain(articleId);
  expect(r.inEnglish.totalCount).toBe(englishArticlesBefore);
  expect(r.quote).toEqual({
    text: QUOTE_FR,
    locale: 'FR',
    isFallback: true,
    translations: [{ locale: 'FR', text: QUOTE_FR }],
    article: { title: FR.title, locale: 'FR' },
  });
  expect(r.quotes).toEqual({ totalCount: 1, edges: [{ node: { text: QUOTE_FR, locale: 'FR', isFallback: true } }] });
  expect(r.entity.articles).toEqual({ totalCount: 1, edges: [{ node: { ...french, availableLocales: ['FR'] } }] });
  expect(r.entity.quotes).toEqual({ totalCount: 1, edges: [{ node: { text: QUOTE_FR, locale: 'FR', isFallback: true } }] });
  // The formats name no English version: the item is the French one, with no association to an English one.
  expect(r.formats.ninjs).toMatchObject({ language: 'fr', headlines: [{ role: 'main', value: FR.title }] });
  expect(JSON.stringify(r.formats)).not.toMatch(/meltwater|"en"|en-version/);
  // Search neither finds the English words nor cuts a snippet from the English text.
  expect(r.meltwater).toEqual({ totalCount: 0, edges: [] });
  expect(r.zemblaInEnglish.totalCount).toBe(0);
  const hit = r.zembla.edges.find((e) => e.node.article?.id === articleId)!.node;
  expect(hit).toMatchObject({ snippetLocale: 'FR', article: { title: FR.title, locale: 'FR' } });
  expect(hit.snippet).toContain('<mark>Zembla</mark>');
  expect(hit.snippet).not.toContain('meltwater');
  expect(r.zembla.totalCount).toBe(1);
}

let englishArticlesBefore: number;

beforeAll(async () => {
  server = await startTestServer({ RESPONSE_CACHE: 'on' });
  editor = server.client({ ...(await authHeader(server, 'EDITOR', 'Aïcha Diallo')), 'accept-language': 'en' });
  secondEditor = server.client({ ...(await authHeader(server, 'EDITOR', 'Marc Leroy')), 'accept-language': 'fr' });
  readerToken = await authHeader(server, 'READER', 'partner-app');
  const speaker = await createEntity(server.prisma, { FR: 'Aruna Bello' });
  speakerId = globalIdOf('Entity', speaker.id);
  const created = await create(editor, { sourceLocale: 'FR', ...FR, mentions: [{ entity: speakerId, count: 2 }] });
  articleId = created.id;
  slug = created.slug;
  const ADD = gql`mutation ($article: ID!, $v: Int!, $input: AddQuoteInput!) { addQuote(article: $article, expectedVersion: $v, input: $input) { id version article { version } } }`;
  const added = await editor.request<{ addQuote: { id: string; version: number; article: { version: number } } }>(ADD, {
    article: articleId,
    v: created.version,
    input: { locale: 'FR', text: QUOTE_FR, attribution: 'un éleveur', speaker: speakerId },
  });
  quoteId = added.addQuote.id;
  const PUBLISH = gql`mutation ($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { version } }`;
  version = (await editor.request<{ publishArticle: { version: number } }>(PUBLISH, { id: articleId, v: added.addQuote.article.version })).publishArticle
    .version;
  const COUNT = gql`{ articles(first: 1, filter: { availableIn: EN }) { totalCount } }`;
  englishArticlesBefore = (await anonymous().request<{ articles: { totalCount: number } }>(COUNT)).articles.totalCount;
});
afterAll(() => server?.close());

describe('an English machine translation, from draft to published', () => {
  it('is saved as a DRAFT, with the quote translated: editors see it, readers of every path see only the French', async () => {
    expect(await queueEntry()).toEqual({ reason: 'MISSING', node: { id: articleId, en: 'MISSING' } });
    const saved = await upsert(editor, articleId, version, 'EN', EN);
    version = saved.version;
    const TRANSLATE_QUOTE = gql`mutation ($id: ID!, $v: Int!, $input: QuoteTranslationInput!) {
      upsertQuoteTranslation(id: $id, expectedVersion: $v, locale: EN, input: $input) { text locale }
    }`;
    await editor.request(TRANSLATE_QUOTE, { id: quoteId, v: 1, input: { text: QUOTE_EN, attribution: 'a herder', origin: 'MACHINE' } });
    // An anonymous reader reads first: that answer is cached (the editor's next read must not get it).
    expectFrenchOnly(await read(anonymous()), englishArticlesBefore);
    // A draft is not in the queue: its translator is at work (it comes back once submitted).
    expect(await queueEntry()).toBeUndefined();

    const asEditor = await read(editor);
    expect(asEditor.bySlug).toMatchObject({ title: EN.title, locale: 'EN', isFallback: false, availableLocales: ['EN', 'FR'], en: 'CURRENT' });
    expect(asEditor.bySlug.quotes).toEqual([{ text: QUOTE_EN, locale: 'EN', isFallback: false }]);
    expect(asEditor.meltwater.totalCount).toBe(2);
    expect(asEditor.formats.ninjs).toMatchObject({ language: 'en' });
    const { article } = await editor.request<{ article: { status: string; translations: StepAnswer['translations'] } }>(
      gql`query ($slug: String!) { article(slug: $slug) { status translations { locale origin status reviewedBy reviewedAt } } }`,
      { slug },
    );
    expect(article).toEqual({
      status: 'PUBLISHED',
      translations: [
        { locale: 'FR', origin: 'ORIGINAL', status: 'PUBLISHED', reviewedBy: null, reviewedAt: null },
        { locale: 'EN', origin: 'MACHINE', status: 'DRAFT', reviewedBy: null, reviewedAt: null },
      ],
    });
    // Cached or not, the anonymous reader still gets the French; so does a reader's token (never cached).
    expectFrenchOnly(await read(anonymous()), englishArticlesBefore);
    expectFrenchOnly(await read(server.client({ ...readerToken, 'accept-language': 'en' })), englishArticlesBefore);
  });

  it('shows the status to editors only: a reader asking for it gets FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    const STATUS = gql`query ($slug: String!) { article(slug: $slug) { title status translations { locale status } } }`;
    for (const [client, code] of [
      [server.client({ ...readerToken, 'accept-language': 'en' }), 'FORBIDDEN'],
      [anonymous(), 'UNAUTHENTICATED'],
    ] as const) {
      // Partial data: the answer with the status fields null, and their errors.
      const answer = (await client.rawRequest(STATUS, { slug }).catch((e: ClientError) => e.response)) as unknown as {
        data: unknown;
        errors: { extensions: { code: string } }[];
      };
      expect(answer.data).toEqual({ article: { title: FR.title, status: null, translations: [{ locale: 'FR', status: null }] } });
      expect(new Set(answer.errors.map((e) => e.extensions.code))).toEqual(new Set([code]));
    }
  });

  it('is in the English queue as IN_REVIEW once submitted, still invisible to readers', async () => {
    // A machine translation is not published straight from DRAFT: the refusal says why, in the editor's language.
    expect(await refusal(step(editor, 'publishArticleTranslation', version))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The English translation is a machine translation: submit it for review (submitArticleTranslation) before publishing it.',
      argument: 'locale',
    });
    expect(await refusal(step(secondEditor, 'publishArticleTranslation', version))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'La traduction en anglais est une traduction automatique : soumettez-la à relecture (submitArticleTranslation) avant de la publier.',
      argument: 'locale',
    });
    const submitted = await step(editor, 'submitArticleTranslation', version);
    expect(submitted.version).toBe(version + 1);
    version = submitted.version;
    expect(submitted.translations[1]).toEqual({ locale: 'EN', origin: 'MACHINE', status: 'IN_REVIEW', reviewedBy: null, reviewedAt: null });
    expect(await refusal(step(editor, 'submitArticleTranslation', version))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The English translation is not a draft (status IN_REVIEW): only a draft can be submitted for review.',
    });
    expect(await queueEntry()).toEqual({ reason: 'IN_REVIEW', node: { id: articleId, en: 'CURRENT' } });
    expectFrenchOnly(await read(anonymous()), englishArticlesBefore);
  });

  it('is published by a reviewer, who is recorded, and then every path serves the English', async () => {
    const published = await step(secondEditor, 'publishArticleTranslation', version);
    version = published.version;
    const en = published.translations.find((t) => t.locale === 'EN')!;
    expect(en).toMatchObject({ status: 'PUBLISHED', reviewedBy: 'Marc Leroy' });
    expect(Date.now() - Date.parse(en.reviewedAt!)).toBeLessThan(60_000);
    expect(await queueEntry()).toBeUndefined();

    const r = await read(anonymous());
    const english = { title: EN.title, locale: 'EN', isFallback: false };
    expect(r.bySlug).toMatchObject({
      ...english,
      availableLocales: ['EN', 'FR'],
      en: 'CURRENT',
      quotes: [{ text: QUOTE_EN, locale: 'EN', isFallback: false }],
    });
    expect(r.bySlug.translations.map((t) => t.locale)).toEqual(['FR', 'EN']);
    expect(r.node).toEqual(english);
    expect(r.feed.edges.find((e) => e.node.id === articleId)?.node).toMatchObject(english);
    expect(r.inEnglish.totalCount).toBe(englishArticlesBefore + 1);
    expect(r.quote).toMatchObject({ text: QUOTE_EN, locale: 'EN', article: { title: EN.title, locale: 'EN' } });
    expect(r.quote.translations.map((t) => t.locale)).toEqual(['FR', 'EN']);
    expect(r.entity.articles.edges[0]!.node).toEqual({ ...english, availableLocales: ['EN', 'FR'] });
    expect(r.entity.quotes.edges[0]!.node).toEqual({ text: QUOTE_EN, locale: 'EN', isFallback: false });
    expect(r.formats.ninjs).toMatchObject({ language: 'en', associations: [{ name: 'fr-version', language: 'fr' }] });
    expect(r.meltwater.totalCount).toBe(2);
    expect(r.zemblaInEnglish.totalCount).toBe(1);
    expect(r.zembla.edges.find((e) => e.node.article?.id === articleId)!.node).toMatchObject({ snippetLocale: 'EN' });
  });

  it('stays published when the source is edited, OUTDATED, and back in the queue with that reason', async () => {
    const edited = await update(editor, articleId, version, { lede: `${FR.lede} Les prix du fourrage doublent.` });
    version = edited.version;
    expect(edited.en).toBe('OUTDATED');
    const r = await read(anonymous());
    expect(r.bySlug).toMatchObject({ title: EN.title, locale: 'EN', isFallback: false, en: 'OUTDATED' });
    expect(await queueEntry()).toEqual({ reason: 'OUTDATED', node: { id: articleId, en: 'OUTDATED' } });
  });

  it('publish and unpublish sent at once with one expectedVersion: exactly one wins, the others CONFLICT', async () => {
    // From IN_REVIEW both are allowed (unpublishing withdraws the submission), so only the version decides.
    const back = await step(editor, 'unpublishArticleTranslation', version);
    version = (await step(editor, 'submitArticleTranslation', back.version)).version;
    const calls = [0, 1, 2].flatMap(() => [
      () => step(editor, 'publishArticleTranslation', version),
      () => step(secondEditor, 'unpublishArticleTranslation', version),
    ]);
    const results = await Promise.all(
      calls.map((call) =>
        call().then(
          (data) => ({ data }),
          (e: ClientError) => ({ error: e.response.errors![0]! }),
        ),
      ),
    );
    const won = results.filter((r) => 'data' in r);
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => 'error' in x))
      expect(r.error.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: version, currentVersion: version + 1 });
    const status = won[0]!.data!.translations.find((t) => t.locale === 'EN')!.status;
    const stored = await server.prisma.articleTranslation.findFirstOrThrow({ where: { article: { slug }, locale: 'EN' } });
    expect(stored.status).toBe(status);
    expect(['PUBLISHED', 'DRAFT']).toContain(status);
    version += 1;
  });

  it('refuses to unpublish the source on its own, a draft, or an unknown language, in the caller’s language', async () => {
    expect(await refusal(step(editor, 'unpublishArticleTranslation', version, 'FR'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"locale" is the article\'s source language: that version follows the article\'s publication (publishArticle, unpublishArticle).',
      argument: 'locale',
    });
    expect(await refusal(step(secondEditor, 'unpublishArticleTranslation', version, 'FR'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: "« locale » est la langue source de l'article : cette version suit la publication de l'article (publishArticle, unpublishArticle).",
      argument: 'locale',
    });
    expect(await refusal(step(anonymous(), 'publishArticleTranslation', version))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(step(editor, 'publishArticleTranslation', version - 1))).toMatchObject({ code: 'CONFLICT' });
    const other = await create(editor, { sourceLocale: 'EN', title: 'Only in English', body: [] });
    expect(await refusal(editor.request(STEP('publishArticleTranslation'), { id: other.id, locale: 'FR', v: other.version }))).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'locale',
    });
    const draft = await upsert(editor, other.id, other.version, 'FR', { title: 'Seulement en anglais', body: [], origin: 'HUMAN' });
    const UNPUBLISH = STEP('unpublishArticleTranslation');
    const answer = await refusal(secondEditor.request(UNPUBLISH, { id: other.id, locale: 'FR', v: draft.version }));
    expect(answer).toEqual({ code: 'BAD_USER_INPUT', message: "La traduction en français est un brouillon : il n'y a rien à dépublier.", argument: 'locale' });
    // A human translation needs no review: published straight from DRAFT, with no reviewer recorded.
    const PUBLISH = STEP('publishArticleTranslation');
    const human = await editor.request<{ publishArticleTranslation: StepAnswer }>(PUBLISH, { id: other.id, locale: 'FR', v: draft.version });
    expect(human.publishArticleTranslation.translations[1]).toMatchObject({ locale: 'FR', status: 'PUBLISHED', reviewedBy: null });
  });
});

const QUEUE = gql`{ translationQueue(locale: EN, first: 50) { edges { reason node { id en: translationState(locale: EN) } } } }`;
async function queueEntry() {
  const { translationQueue } = await editor.request<{ translationQueue: { edges: { reason: string; node: { id: string; en: string } }[] } }>(QUEUE);
  return translationQueue.edges.find((e) => e.node.id === articleId);
}

describe('with MACHINE_TRANSLATIONS=publish', () => {
  let permissive: TestServer;
  beforeAll(async () => {
    permissive = await startTestServer({ MACHINE_TRANSLATIONS: 'publish' });
  });
  afterAll(() => permissive?.close());

  it('a machine translation is published without a review, and rewriting it by machine keeps it published', async () => {
    const client = permissive.client(await authHeader(permissive, 'EDITOR', 'Night desk'));
    const article = await create(client, { sourceLocale: 'FR', title: 'Dépêche de nuit', body: [] });
    const draft = await upsert(client, article.id, article.version, 'EN', { title: 'Night dispatch', body: [], origin: 'MACHINE' });
    const PUBLISH = STEP('publishArticleTranslation');
    const published = await client.request<{ publishArticleTranslation: StepAnswer }>(PUBLISH, { id: article.id, locale: 'EN', v: draft.version });
    expect(published.publishArticleTranslation.translations[1]).toMatchObject({ locale: 'EN', status: 'PUBLISHED', reviewedBy: null });
    await upsert(client, article.id, published.publishArticleTranslation.version, 'EN', { title: 'Overnight dispatch', body: [], origin: 'MACHINE' });
    const stored = await permissive.prisma.articleTranslation.findFirstOrThrow({ where: { locale: 'EN', title: 'Overnight dispatch' } });
    expect(stored.status).toBe('PUBLISHED');
  });
});

describe('rewriting a published machine translation by machine (default setting)', () => {
  it('takes it back to DRAFT: the new text needs its own review', async () => {
    const article = await create(editor, { sourceLocale: 'FR', title: 'Deuxième dépêche', body: [] });
    let v = (await upsert(editor, article.id, article.version, 'EN', { title: 'Second dispatch', body: [], origin: 'MACHINE' })).version;
    const SUBMIT = STEP('submitArticleTranslation');
    const PUBLISH = STEP('publishArticleTranslation');
    v = (await editor.request<{ submitArticleTranslation: StepAnswer }>(SUBMIT, { id: article.id, locale: 'EN', v })).submitArticleTranslation.version;
    v = (await editor.request<{ publishArticleTranslation: StepAnswer }>(PUBLISH, { id: article.id, locale: 'EN', v })).publishArticleTranslation.version;
    const rewritten = await upsert(editor, article.id, v, 'EN', { title: 'Second dispatch, retranslated', body: [], origin: 'MACHINE' });
    const stored = await server.prisma.articleTranslation.findFirstOrThrow({ where: { locale: 'EN', title: rewritten.translations[1]!.title } });
    expect(stored).toMatchObject({ status: 'DRAFT', reviewedBy: null, reviewedAt: null });
  });
});
