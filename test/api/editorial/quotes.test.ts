import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { createArticle, createEntity, globalIdOf } from '../../support/fixtures.js';
import { authHeader } from '../../support/tokens.js';

const QUOTE_FIELDS = `id version text locale isFallback originalText originalLocale attribution speaker { id name } translations { locale text attribution origin }`;
const ADD = gql`mutation ($article: ID!, $v: Int!, $input: AddQuoteInput!) { addQuote(article: $article, expectedVersion: $v, input: $input) { ${QUOTE_FIELDS} article { version } } }`;
const UPDATE = gql`mutation ($id: ID!, $v: Int!, $input: UpdateQuoteInput!) { updateQuote(id: $id, expectedVersion: $v, input: $input) { ${QUOTE_FIELDS} } }`;
const REMOVE = gql`mutation ($id: ID!, $v: Int!) { removeQuote(id: $id, expectedVersion: $v) }`;
const TRANSLATE = gql`mutation ($id: ID!, $v: Int!, $locale: Locale!, $input: QuoteTranslationInput!) { upsertQuoteTranslation(id: $id, expectedVersion: $v, locale: $locale, input: $input) { ${QUOTE_FIELDS} } }`;
const READ = gql`query ($id: ID!, $locale: Locale) { quote(id: $id, locale: $locale) { ${QUOTE_FIELDS} } }`;
const ARTICLE_QUOTES = gql`query ($id: ID!) { article(id: $id) { version quotes { text } } }`;

interface QuoteData {
  id: string;
  version: number;
  text: string;
  locale: string;
  isFallback: boolean;
  originalText: string;
  originalLocale: string;
  attribution: string | null;
  speaker: { id: string; name: string } | null;
  translations: { locale: string; text: string; attribution: string | null; origin: string }[];
  article?: { version: number };
}

let server: TestServer;
let editor: GraphQLClient;
let editorToken: number;
let putin: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = server.client(await authHeader(server, 'EDITOR', 'quote-editor'));
  editorToken = (await server.prisma.apiToken.findFirstOrThrow({ where: { name: 'quote-editor' } })).id;
  putin = globalIdOf('Entity', (await server.prisma.entity.findUniqueOrThrow({ where: { key: 'vladimir-putin' } })).id);
});
afterAll(() => server?.close());

const published = async (title: string, english?: string) => {
  const row = await createArticle(server.prisma, { titles: { FR: title, ...(english && { EN: english }) } });
  return { id: globalIdOf('Article', row.id), dbId: row.id };
};
const add = async (article: string, v: number, input: Record<string, unknown>) =>
  (await editor.request<{ addQuote: QuoteData }>(ADD, { article, v, input })).addQuote;
const read = async (id: string, locale?: string, client = server.client()) => (await client.request<{ quote: QuoteData | null }>(READ, { id, locale })).quote;
const dbId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

describe('addQuote', () => {
  it('adds a quote to a draft, last by default or at a position, and bumps the article version', async () => {
    const row = await createArticle(server.prisma, { titles: { FR: 'Brouillon cité' }, status: 'DRAFT' });
    const article = globalIdOf('Article', row.id);
    const first = await add(article, 1, { locale: 'FR', text: 'Nous partirons.', attribution: 'un porte-parole', speaker: putin });
    expect(first).toMatchObject({
      text: 'Nous partirons.',
      locale: 'FR',
      originalLocale: 'FR',
      attribution: 'un porte-parole',
      version: 1,
      speaker: { id: putin, name: 'Vladimir Poutine' },
    });
    expect(first.article!.version).toBe(2);
    await add(article, 2, { locale: 'FR', text: 'Dernière.' });
    await add(article, 3, { locale: 'EN', text: 'First of all.', position: 0 });
    const { article: after } = await editor.request<{ article: { version: number; quotes: { text: string }[] } }>(ARTICLE_QUOTES, { id: article });
    expect(after.version).toBe(4);
    expect(after.quotes.map((q) => q.text)).toEqual(['First of all.', 'Nous partirons.', 'Dernière.']);
    // Drafts stay hidden from readers, quotes included.
    expect(await read(first.id)).toBeNull();
  });

  it('is served to readers of a published article in both languages, falling back to the original', async () => {
    const { id } = await published('Article publié cité');
    const quote = await add(id, 1, { locale: 'FR', text: 'Le retrait est acté.' });
    expect(await read(quote.id, 'FR')).toMatchObject({ text: 'Le retrait est acté.', locale: 'FR', isFallback: false });
    expect(await read(quote.id, undefined, server.client({ 'accept-language': 'en' }))).toMatchObject({
      text: 'Le retrait est acté.',
      locale: 'FR',
      isFallback: true,
    });
  });

  it('refuses a stale article version with CONFLICT and adds nothing', async () => {
    const { id, dbId: articleId } = await published('Article disputé');
    const [error] = await graphqlErrors(editor.request(ADD, { article: id, v: 7, input: { locale: 'FR', text: 'Trop tard.' } }));
    expect(error).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 1, expectedVersion: 7 } });
    expect(await server.prisma.quote.count({ where: { articleId } })).toBe(0);
    expect((await server.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).version).toBe(1);
  });

  it('answers NOT_FOUND for an unknown article or speaker, and changes nothing', async () => {
    const [article] = await graphqlErrors(editor.request(ADD, { article: globalIdOf('Article', 999_999), v: 1, input: { locale: 'FR', text: 'x' } }));
    expect(article).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
    const { id, dbId: articleId } = await published('Article sans orateur');
    const [speaker] = await graphqlErrors(
      editor.request(ADD, { article: id, v: 1, input: { locale: 'FR', text: 'x', speaker: globalIdOf('Entity', 999_999) } }),
    );
    expect(speaker).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'input.speaker' } });
    expect((await server.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).version).toBe(1);
  });

  it('validates its input, naming the field, in French by default and in English on request', async () => {
    const { id } = await published('Article validé');
    const [blank] = await graphqlErrors(editor.request(ADD, { article: id, v: 1, input: { locale: 'FR', text: '   ' } }));
    expect(blank).toMatchObject({ message: '« input.text » ne peut pas être vide.', extensions: { code: 'BAD_USER_INPUT', argument: 'input.text' } });
    const english = server.client({ ...(await authHeader(server)), 'accept-language': 'en' });
    const [long] = await graphqlErrors(english.request(ADD, { article: id, v: 1, input: { locale: 'FR', text: 'x'.repeat(5_001) } }));
    expect(long).toMatchObject({
      message: '"input.text" cannot be longer than 5000 characters.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.text' },
    });
    const [attribution] = await graphqlErrors(editor.request(ADD, { article: id, v: 1, input: { locale: 'FR', text: 'x', attribution: 'y'.repeat(301) } }));
    expect(attribution).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.attribution' } });
    const [position] = await graphqlErrors(editor.request(ADD, { article: id, v: 1, input: { locale: 'FR', text: 'x', position: -1 } }));
    expect(position).toMatchObject({ message: '« input.position » doit valoir au moins 0.', extensions: { argument: 'input.position' } });
  });
});

describe('updateQuote', () => {
  it('replaces the original text, keeping the old one as a revision by its author, and outdates nothing else', async () => {
    const { id } = await published('Article corrigé');
    const quote = await add(id, 1, { locale: 'FR', text: 'Texte fautif.', attribution: 'selon X' });
    const { updateQuote } = await editor.request<{ updateQuote: QuoteData }>(UPDATE, { id: quote.id, v: 1, input: { text: 'Texte corrigé.' } });
    expect(updateQuote).toMatchObject({ text: 'Texte corrigé.', attribution: 'selon X', version: 2 });
    expect(await read(quote.id)).toMatchObject({ text: 'Texte corrigé.', originalText: 'Texte corrigé.' });
    const revisions = await server.prisma.revision.findMany({ where: { subject: 'QUOTE', subjectId: dbId(quote.id) } });
    expect(revisions).toEqual([
      expect.objectContaining({
        locale: 'FR',
        version: 1,
        authorId: editorToken,
        data: expect.objectContaining({ text: 'Texte fautif.', attribution: 'selon X' }),
      }),
    ]);
    const text = await server.prisma.quoteTranslation.findFirstOrThrow({ where: { quoteId: dbId(quote.id), locale: 'FR' } });
    expect(text.version).toBe(2);
  });

  it('changes or clears the speaker, which readers then see', async () => {
    const { id } = await published('Article aux orateurs');
    const other = await createEntity(server.prisma, { FR: 'Orateur remplaçant', EN: 'Replacement speaker' });
    const quote = await add(id, 1, { locale: 'FR', text: 'Propos.', speaker: putin });
    await editor.request(UPDATE, { id: quote.id, v: 1, input: { speaker: globalIdOf('Entity', other.id) } });
    expect((await read(quote.id, 'EN'))!.speaker).toEqual({ id: globalIdOf('Entity', other.id), name: 'Replacement speaker' });
    const { updateQuote } = await editor.request<{ updateQuote: QuoteData }>(UPDATE, { id: quote.id, v: 2, input: { clearSpeaker: true } });
    expect(updateQuote).toMatchObject({ speaker: null, version: 3 });
    expect((await read(quote.id))!.speaker).toBeNull();
    // Neither changed any text: no revision.
    expect(await server.prisma.revision.count({ where: { subject: 'QUOTE', subjectId: dbId(quote.id) } })).toBe(0);
  });

  it('refuses an empty change, or a speaker given and cleared at once', async () => {
    const { id } = await published('Article indécis');
    const quote = await add(id, 1, { locale: 'FR', text: 'Propos.' });
    const [empty] = await graphqlErrors(editor.request(UPDATE, { id: quote.id, v: 1, input: {} }));
    expect(empty).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input' } });
    const [both] = await graphqlErrors(editor.request(UPDATE, { id: quote.id, v: 1, input: { speaker: putin, clearSpeaker: true } }));
    expect(both).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.clearSpeaker' } });
    const [blank] = await graphqlErrors(editor.request(UPDATE, { id: quote.id, v: 1, input: { text: '' } }));
    expect(blank).toMatchObject({ message: '« input.text » ne peut pas être vide.', extensions: { argument: 'input.text' } });
  });

  it('refuses a stale version with CONFLICT and the current version, changing nothing', async () => {
    const { id } = await published('Article concurrent');
    const quote = await add(id, 1, { locale: 'FR', text: 'Version une.' });
    await editor.request(UPDATE, { id: quote.id, v: 1, input: { text: 'Version deux.' } });
    const [error] = await graphqlErrors(editor.request(UPDATE, { id: quote.id, v: 1, input: { text: 'Écrasement.' } }));
    expect(error).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 } });
    expect(await read(quote.id)).toMatchObject({ text: 'Version deux.', version: 2 });
    expect(await server.prisma.revision.count({ where: { subject: 'QUOTE', subjectId: dbId(quote.id) } })).toBe(1);
  });

  it('lets exactly one of two simultaneous saves from the same version win', async () => {
    const { id } = await published('Article à deux mains');
    const quote = await add(id, 1, { locale: 'FR', text: 'Avant.' });
    const results = await Promise.allSettled(
      ['Main gauche.', 'Main droite.'].map((text) => editor.request<{ updateQuote: QuoteData }>(UPDATE, { id: quote.id, v: 1, input: { text } })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const [lost] = await graphqlErrors(Promise.reject((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason));
    expect(lost).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2 } });
    expect((await read(quote.id))!.text).toBe((won[0] as PromiseFulfilledResult<{ updateQuote: QuoteData }>).value.updateQuote.text);
    expect(await server.prisma.revision.count({ where: { subject: 'QUOTE', subjectId: dbId(quote.id) } })).toBe(1);
  });

  it('answers NOT_FOUND for an unknown quote', async () => {
    const [error] = await graphqlErrors(editor.request(UPDATE, { id: globalIdOf('Quote', 999_999), v: 1, input: { text: 'x' } }));
    expect(error).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
  });
});

describe('upsertQuoteTranslation', () => {
  it('adds then replaces a translation (keeping the replaced one), served in its language; the original is unchanged', async () => {
    // Readers see a quote's English with its article's English (published with it).
    const { id } = await published('Article traduit', 'Translated article');
    const quote = await add(id, 1, { locale: 'FR', text: 'Nous refusons.', attribution: 'le ministre' });
    const { upsertQuoteTranslation: en } = await editor.request<{ upsertQuoteTranslation: QuoteData }>(TRANSLATE, {
      id: quote.id,
      v: 1,
      locale: 'EN',
      input: { text: 'We refuse', attribution: 'the minister', origin: 'MACHINE' },
    });
    expect(en).toMatchObject({ text: 'We refuse', locale: 'EN', isFallback: false, attribution: 'the minister', originalText: 'Nous refusons.', version: 2 });
    await editor.request(TRANSLATE, { id: quote.id, v: 2, locale: 'EN', input: { text: 'We refuse.', origin: 'HUMAN' } });

    expect(await read(quote.id, undefined, server.client({ 'accept-language': 'en' }))).toMatchObject({ text: 'We refuse.', locale: 'EN', attribution: null });
    expect(await read(quote.id, 'FR')).toMatchObject({ text: 'Nous refusons.', locale: 'FR', attribution: 'le ministre' });
    const stored = await server.prisma.quoteTranslation.findFirstOrThrow({ where: { quoteId: dbId(quote.id), locale: 'EN' } });
    expect(stored).toMatchObject({ origin: 'HUMAN', version: 2, sourceVersion: 1 });
    const revisions = await server.prisma.revision.findMany({ where: { subject: 'QUOTE', subjectId: dbId(quote.id) } });
    expect(revisions).toEqual([
      expect.objectContaining({ locale: 'EN', version: 1, authorId: editorToken, data: expect.objectContaining({ text: 'We refuse', origin: 'MACHINE' }) }),
    ]);
  });

  it('refuses the original language, ORIGINAL as origin, and a stale version', async () => {
    const { id } = await published('Article à ne pas traduire');
    const quote = await add(id, 1, { locale: 'FR', text: 'Rien.' });
    const [original] = await graphqlErrors(editor.request(TRANSLATE, { id: quote.id, v: 1, locale: 'FR', input: { text: 'Rien du tout.', origin: 'HUMAN' } }));
    expect(original).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'locale' } });
    const [origin] = await graphqlErrors(editor.request(TRANSLATE, { id: quote.id, v: 1, locale: 'EN', input: { text: 'Nothing.', origin: 'ORIGINAL' } }));
    expect(origin).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.origin' } });
    const [stale] = await graphqlErrors(editor.request(TRANSLATE, { id: quote.id, v: 5, locale: 'EN', input: { text: 'Nothing.', origin: 'HUMAN' } }));
    expect(stale).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 1 } });
    expect((await read(quote.id, 'FR'))!.translations).toHaveLength(1);
  });
});

describe('removeQuote', () => {
  it('removes the quote, keeps its text in every language as revisions, and bumps the article version', async () => {
    const { id, dbId: articleId } = await published('Article élagué');
    const quote = await add(id, 1, { locale: 'FR', text: 'À retirer.' });
    await editor.request(TRANSLATE, { id: quote.id, v: 1, locale: 'EN', input: { text: 'To remove.', origin: 'HUMAN' } });
    const [stale] = await graphqlErrors(editor.request(REMOVE, { id: quote.id, v: 1 }));
    expect(stale).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2 } });
    expect(await read(quote.id)).not.toBeNull();

    const { removeQuote } = await editor.request<{ removeQuote: string }>(REMOVE, { id: quote.id, v: 2 });
    expect(removeQuote).toBe(quote.id);
    expect(await read(quote.id)).toBeNull();
    const { article } = await server.client().request<{ article: { version: number; quotes: unknown[] } }>(ARTICLE_QUOTES, { id });
    expect(article).toEqual({ version: 3, quotes: [] });
    const kept = await server.prisma.revision.findMany({ where: { subject: 'QUOTE', subjectId: dbId(quote.id) }, orderBy: { locale: 'asc' } });
    expect(kept.map((r) => [r.locale, (r.data as { text: string }).text, r.authorId])).toEqual([
      ['FR', 'À retirer.', editorToken],
      ['EN', 'To remove.', editorToken],
    ]);
    expect(kept[0]!.data).toMatchObject({ articleId, removed: true });

    const [gone] = await graphqlErrors(editor.request(REMOVE, { id: quote.id, v: 3 }));
    expect(gone).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
  });
});

describe('quote mutations', () => {
  it('refuse anonymous callers (UNAUTHENTICATED) and readers (FORBIDDEN), changing nothing', async () => {
    const { id, dbId: articleId } = await published('Article gardé');
    const input = { locale: 'FR', text: 'Intrus.' };
    const [anonymous] = await graphqlErrors(server.client().request(ADD, { article: id, v: 1, input }));
    expect(anonymous).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const reader = server.client(await authHeader(server, 'READER'));
    for (const request of [
      () => reader.request(ADD, { article: id, v: 1, input }),
      () => reader.request(UPDATE, { id: globalIdOf('Quote', 1), v: 1, input: { text: 'x' } }),
      () => reader.request(REMOVE, { id: globalIdOf('Quote', 1), v: 1 }),
      () => reader.request(TRANSLATE, { id: globalIdOf('Quote', 1), v: 1, locale: 'EN', input: { text: 'x', origin: 'HUMAN' } }),
    ]) {
      const [error] = await graphqlErrors(request());
      expect(error).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    expect(await server.prisma.quote.count({ where: { articleId } })).toBe(0);
  });
});
