import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { createEntity, globalIdOf } from '../../support/fixtures.js';
import { authHeader } from '../../support/tokens.js';
import { CREATE, UPDATE, UPSERT, create, revisions, upsert, type ArticleData } from '../../support/articles-api.js';
import { databaseId } from '../../../src/common/node.js';

let server: TestServer;
let editor: GraphQLClient;

beforeAll(async () => {
  server = await startTestServer();
  editor = server.client(await authHeader(server));
});
afterAll(() => server?.close());

/**
 * Runs `fn` while every insert into `table` matching `condition` fails in the database, in the
 * middle of the mutation's writes (plpgsql: the same on PGlite and PostgreSQL).
 */
async function withFailingInsert<T>(table: string, condition: string, fn: () => Promise<T>): Promise<T> {
  const name = `test_fail_${table.toLowerCase()}`;
  await server.prisma.$executeRawUnsafe(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${condition} THEN RAISE EXCEPTION 'forced failure in ${table}'; END IF; RETURN NEW; END $$`,
  );
  await server.prisma.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  try {
    return await fn();
  } finally {
    await server.prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await server.prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  }
}

/** The masked error a client gets for a failure it did not cause: no SQL, no table, no message of ours. */
function expectMaskedFailure(error: { message: string; extensions?: Record<string, unknown> } | undefined) {
  expect(error!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  expect(error!.message).toMatch(/^Erreur interne du serveur \(référence : [\w-]+\)\.$/);
}

const counts = async () => ({
  articles: await server.prisma.article.count(),
  texts: await server.prisma.articleTranslation.count(),
  mentions: await server.prisma.mention.count(),
  revisions: await server.prisma.revision.count(),
});

describe('a failure in the middle of a write leaves nothing written', () => {
  it('createArticle: failing on the second mention leaves no article, text or mention (and the slug free)', async () => {
    const fine = await createEntity(server.prisma, { FR: 'Entité sans histoire' });
    const trap = await createEntity(server.prisma, { FR: 'Entité piégée' });
    const input = {
      sourceLocale: 'FR',
      title: 'Un article qui ne doit pas exister',
      body: [{ kind: 'TEXT', text: 'Texte.' }],
      mentions: [{ entity: globalIdOf('Entity', fine.id) }, { entity: globalIdOf('Entity', trap.id), count: 2 }],
    };
    const before = await counts();
    const [error] = await withFailingInsert('Mention', `NEW."entityId" = ${trap.id}`, () => graphqlErrors(editor.request(CREATE, { input })));
    expectMaskedFailure(error);
    expect(await counts()).toEqual(before);

    // Nothing half-written blocks the next attempt: same slug, both mentions.
    const { createArticle } = await editor.request<{ createArticle: ArticleData }>(CREATE, { input });
    expect(createArticle.slug).toBe('un-article-qui-ne-doit-pas-exister');
    expect(createArticle.mentions.map((m) => m.count)).toEqual([2, 1]);
  });

  it('updateArticle: failing on the revision leaves title, versions and revisions as they were', async () => {
    const article = await create(editor, { sourceLocale: 'FR', title: 'Titre intact', body: [], agency: 'AFP' });
    const id = databaseId(article.id)!.id;
    const before = await counts();
    const [error] = await withFailingInsert('Revision', `NEW."subjectId" = ${id}`, () =>
      graphqlErrors(editor.request(UPDATE, { id: article.id, v: 1, input: { title: 'Titre perdu', agency: 'Reuters' } })),
    );
    expectMaskedFailure(error);
    expect(await counts()).toEqual(before);
    const row = await server.prisma.article.findUniqueOrThrow({ where: { id }, include: { translations: true } });
    expect(row).toMatchObject({ version: 1, agency: 'AFP' });
    expect(row.translations).toMatchObject([{ title: 'Titre intact', version: 1 }]);
    expect((await revisions(editor, article.id, 'FR')).totalCount).toBe(0);
  });

  it('upsertArticleTranslation: failing on the new text or on the revision leaves the article version and text unchanged', async () => {
    const article = await create(editor, { sourceLocale: 'FR', title: 'Article à traduire', body: [] });
    const id = databaseId(article.id)!.id;
    const text = { title: 'Article to translate', body: [], origin: 'MACHINE' };

    const [first] = await withFailingInsert('ArticleTranslation', `NEW."articleId" = ${id}`, () =>
      graphqlErrors(editor.request(UPSERT, { id: article.id, v: 1, locale: 'EN', input: text })),
    );
    expectMaskedFailure(first);
    expect(await server.prisma.article.findUniqueOrThrow({ where: { id }, include: { translations: true } })).toMatchObject({
      version: 1,
      translations: [{ locale: 'FR' }],
    });

    const translated = await upsert(editor, article.id, 1, 'EN', text);
    const [second] = await withFailingInsert('Revision', `NEW."subjectId" = ${id}`, () =>
      graphqlErrors(
        editor.request(UPSERT, { id: article.id, v: translated.version, locale: 'EN', input: { ...text, title: 'Lost translation', origin: 'HUMAN' } }),
      ),
    );
    expectMaskedFailure(second);
    const row = await server.prisma.article.findUniqueOrThrow({ where: { id }, include: { translations: { where: { locale: 'EN' } } } });
    expect(row).toMatchObject({ version: translated.version, translations: [{ title: 'Article to translate', origin: 'MACHINE', version: 1 }] });
  });
});
