import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { createArticle, createEntity, globalIdOf } from '../../support/fixtures.js';
import { authHeader } from '../../support/tokens.js';

const MERGE = gql`
  mutation ($keep: ID!, $kv: Int!, $duplicate: ID!, $dv: Int!) {
    mergeEntities(keep: $keep, keepVersion: $kv, duplicate: $duplicate, duplicateVersion: $dv) { id version name aliases }
  }`;
const CREATE = gql`mutation ($input: CreateEntityInput!) { createEntity(input: $input) { id version } }`;
const READS = gql`
  query ($dup: ID!, $article: ID!, $quote: ID!) {
    entity(id: $dup) { id name aliases }
    node(id: $dup) { id ... on Entity { name } }
    article(id: $article) { mentions { count entity { id name } } dateline { id } }
    quote(id: $quote) { speaker { id name } }
    quotes(filter: { speaker: $dup }) { edges { node { id } } }
    mentioning: articles(filter: { mentions: $dup }) { edges { node { id } } }
    quoting: articles(filter: { speaker: $dup }) { edges { node { id } } }
  }`;
const ALL = gql`{ entities(first: 100) { totalCount edges { node { id } } } }`;
const LOOKUP = gql`query ($name: String!) { entities(filter: { name: $name }) { edges { node { id name } } } }`;

interface Reads {
  entity: { id: string; name: string; aliases: string[] };
  node: { id: string; name: string };
  article: { mentions: { count: number; entity: { id: string; name: string } }[]; dateline: { id: string } | null };
  quote: { speaker: { id: string; name: string } };
  quotes: { edges: { node: { id: string } }[] };
  mentioning: { edges: { node: { id: string } }[] };
  quoting: { edges: { node: { id: string } }[] };
}

let server: TestServer;
let editor: GraphQLClient;
let putin: { id: string; dbId: number };

beforeAll(async () => {
  server = await startTestServer();
  editor = server.client(await authHeader(server, 'EDITOR', 'merge-editor'));
  const row = await server.prisma.entity.findUniqueOrThrow({ where: { key: 'vladimir-putin' } });
  putin = { id: globalIdOf('Entity', row.id), dbId: row.id };
});
afterAll(() => server?.close());

const dbId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
const versionOf = async (id: number) => (await server.prisma.entity.findUniqueOrThrow({ where: { id } })).version;

/** A duplicate of `keep` made through the API, named in an article (with `keep`) and saying a quote there. */
async function duplicate(fr: string, en: string, aliases: string[] = []) {
  const { createEntity: dup } = await editor.request<{ createEntity: { id: string } }>(CREATE, {
    input: {
      type: 'PERSON',
      translations: [
        { locale: 'FR', name: fr, aliases },
        { locale: 'EN', name: en },
      ],
    },
  });
  const dupId = dbId(dup.id);
  const article = await createArticle(server.prisma, {
    titles: { FR: `Article citant ${fr}` },
    mentions: [
      { entityId: putin.dbId, count: 1 },
      { entityId: dupId, count: 2 },
    ],
    quotes: [{ speakerId: dupId, texts: { FR: `Propos de ${fr}.` } }],
    datelineId: dupId,
  });
  const alone = await createArticle(server.prisma, { titles: { FR: `Seul ${fr}` }, mentions: [{ entityId: dupId, count: 3 }] });
  const quote = await server.prisma.quote.findFirstOrThrow({ where: { articleId: article.id } });
  return { id: dup.id, dbId: dupId, article: globalIdOf('Article', article.id), articleId: article.id, alone: alone.id, quote: globalIdOf('Quote', quote.id) };
}

/** What a merge changes, as stored. */
async function snapshot(ids: number[]) {
  return {
    mentions: await server.prisma.mention.findMany({ where: { entityId: { in: ids } }, orderBy: [{ articleId: 'asc' }, { entityId: 'asc' }] }),
    quotes: await server.prisma.quote.findMany({ where: { speakerId: { in: ids } }, select: { id: true, speakerId: true }, orderBy: { id: 'asc' } }),
    entities: await server.prisma.entity.findMany({
      where: { id: { in: ids } },
      include: { translations: { orderBy: { locale: 'asc' } } },
      orderBy: { id: 'asc' },
    }),
    revisions: await server.prisma.revision.count(),
  };
}

describe('mergeEntities', () => {
  it('moves mentions (adding counts), quotes and datelines to the entity kept, and its names to its aliases', async () => {
    const dup = await duplicate('V. Poutine', 'V. Putin', ['Poutine']);
    // Something merged into the duplicate earlier must end up pointing at the entity kept.
    const older = await createEntity(server.prisma, { FR: 'Vladimir V. Poutine' });
    await editor.request(MERGE, { keep: dup.id, kv: 1, duplicate: globalIdOf('Entity', older.id), dv: 1 });

    const keepVersion = await versionOf(putin.dbId);
    const { mergeEntities } = await editor.request<{ mergeEntities: { id: string; version: number; name: string; aliases: string[] } }>(MERGE, {
      keep: putin.id,
      kv: keepVersion,
      duplicate: dup.id,
      dv: 2,
    });
    expect(mergeEntities).toMatchObject({ id: putin.id, version: keepVersion + 1, name: 'Vladimir Poutine' });
    expect(mergeEntities.aliases).toEqual(['Poutine', 'Vladimir Vladimirovitch Poutine', 'V. Poutine', 'Vladimir V. Poutine']);

    // Readers, in French and English: the duplicate's id names the entity kept everywhere.
    const fr = await server.client().request<Reads>(READS, { dup: dup.id, article: dup.article, quote: dup.quote });
    expect(fr.entity).toMatchObject({ id: putin.id, name: 'Vladimir Poutine' });
    expect(fr.node).toEqual({ id: putin.id, name: 'Vladimir Poutine' });
    expect(fr.article.mentions).toEqual([{ count: 3, entity: { id: putin.id, name: 'Vladimir Poutine' } }]);
    expect(fr.article.dateline).toEqual({ id: putin.id });
    expect(fr.quote.speaker).toEqual({ id: putin.id, name: 'Vladimir Poutine' });
    expect(fr.quotes.edges).toEqual([{ node: { id: dup.quote } }]);
    // Filters by the old id follow the merge too.
    expect(fr.mentioning.edges.map((e) => e.node.id)).toContain(dup.article);
    expect(fr.quoting.edges.map((e) => e.node.id)).toContain(dup.article);
    const en = await server.client({ 'accept-language': 'en' }).request<Reads>(READS, { dup: dup.id, article: dup.article, quote: dup.quote });
    expect(en.entity.name).toBe('Vladimir Putin');
    expect(en.entity.aliases).toContain('V. Putin');
    expect(en.quote.speaker.name).toBe('Vladimir Putin');
    expect(await server.prisma.mention.findMany({ where: { articleId: dup.alone } })).toEqual([{ articleId: dup.alone, entityId: putin.dbId, count: 3 }]);

    // Lists and name lookups no longer show the duplicates; the names find the entity kept.
    const { entities } = await server.client().request<{ entities: { edges: { node: { id: string } }[] } }>(ALL);
    const listed = entities.edges.map((e) => e.node.id);
    expect(listed).toContain(putin.id);
    expect(listed).not.toContain(dup.id);
    expect(listed).not.toContain(globalIdOf('Entity', older.id));
    for (const name of ['V. Poutine', 'V. Putin', 'Vladimir V. Poutine']) {
      const found = await server.client().request<{ entities: { edges: { node: { id: string } }[] } }>(LOOKUP, { name });
      expect(found.entities.edges[0]!.node.id).toBe(putin.id);
      expect(found.entities.edges.map((e) => e.node.id)).not.toContain(dup.id);
    }
    const { search } = await server
      .client()
      .request<{ search: { totalCount: number; edges: { node: { entity: { id: string } } }[] } }>(
        gql`{ search(query: "V. Poutine", filter: { kinds: [ENTITY] }, first: 50) { totalCount edges { node { ... on EntityHit { entity { id } } } } } }`,
      );
    // The duplicate is no hit of its own, not even one counted and then dropped.
    expect(search.edges.map((e) => e.node.entity.id)).toContain(putin.id);
    expect(search.totalCount).toBe(search.edges.length);

    // Writes naming the duplicate act on the entity kept.
    const { linkMention } = await editor.request<{ linkMention: { mentions: { entity: { id: string } }[] } }>(
      gql`mutation ($article: ID!, $entity: ID!) { linkMention(article: $article, expectedVersion: 1, entity: $entity) { mentions { entity { id } } } }`,
      { article: globalIdOf('Article', dup.alone), entity: dup.id },
    );
    expect(linkMention.mentions).toEqual([{ entity: { id: putin.id } }]);

    // Stored: merges flattened, keep's old aliases kept as revisions by the editor.
    expect(await server.prisma.entity.findUniqueOrThrow({ where: { id: older.id } })).toMatchObject({ mergedIntoId: putin.dbId });
    expect(await server.prisma.entity.findUniqueOrThrow({ where: { id: dup.dbId } })).toMatchObject({ mergedIntoId: putin.dbId });
    const token = await server.prisma.apiToken.findFirstOrThrow({ where: { name: 'merge-editor' } });
    const revisions = await server.prisma.revision.findMany({ where: { subject: 'ENTITY', subjectId: putin.dbId }, orderBy: { locale: 'asc' } });
    expect(revisions.map((r) => [r.locale, (r.data as { aliases: string[] }).aliases, r.authorId])).toEqual([
      ['FR', ['Poutine', 'Vladimir Vladimirovitch Poutine'], token.id],
      ['EN', ['Putin', 'Vladimir Vladimirovich Putin'], token.id],
    ]);
  });

  it('resolves a merged id with one more statement only, and none when no merged id is asked for', async () => {
    const dup = await duplicate('Poutine en double', 'Putin duplicate');
    await editor.request(MERGE, { keep: putin.id, kv: await versionOf(putin.dbId), duplicate: dup.id, dv: 1 });
    const read = (id: string) =>
      server.countStatements(() => server.client().request<{ entity: { id: string } }>(gql`query ($id: ID!) { entity(id: $id) { id } }`, { id }));
    const direct = await read(putin.id);
    const merged = await read(dup.id);
    expect(merged.result.entity.id).toBe(putin.id);
    expect(merged.statements).toBe(direct.statements + 1);
  });

  it('refuses merging an entity into itself, or anything already merged (BAD_USER_INPUT), changing nothing', async () => {
    const dup = await duplicate('Poutine fusionné', 'Putin merged');
    await editor.request(MERGE, { keep: putin.id, kv: await versionOf(putin.dbId), duplicate: dup.id, dv: 1 });
    const other = await createEntity(server.prisma, { FR: 'Autre personne' });
    const keepVersion = await versionOf(putin.dbId);
    const before = await snapshot([putin.dbId, dup.dbId, other.id]);

    const [self] = await graphqlErrors(editor.request(MERGE, { keep: putin.id, kv: keepVersion, duplicate: putin.id, dv: keepVersion }));
    expect(self).toMatchObject({
      message: '« duplicate » désigne la même entité que « keep » : une entité ne peut pas être fusionnée avec elle-même.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'duplicate' },
    });
    const [intoMerged] = await graphqlErrors(editor.request(MERGE, { keep: dup.id, kv: 2, duplicate: globalIdOf('Entity', other.id), dv: 1 }));
    expect(intoMerged).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'keep' } });
    const [again] = await graphqlErrors(
      server.client({ ...(await authHeader(server)), 'accept-language': 'en' }).request(MERGE, { keep: putin.id, kv: keepVersion, duplicate: dup.id, dv: 2 }),
    );
    expect(again).toMatchObject({
      message: '"duplicate" was already merged into another entity: use the id that entity now answers with.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'duplicate' },
    });
    expect(await snapshot([putin.dbId, dup.dbId, other.id])).toEqual(before);
  });

  it('refuses stale versions of either entity with CONFLICT, unknown ids with NOT_FOUND, changing nothing', async () => {
    const dup = await duplicate('Poutine périmé', 'Putin stale');
    const keepVersion = await versionOf(putin.dbId);
    const before = await snapshot([putin.dbId, dup.dbId]);
    const [staleKeep] = await graphqlErrors(editor.request(MERGE, { keep: putin.id, kv: keepVersion - 1, duplicate: dup.id, dv: 1 }));
    expect(staleKeep).toMatchObject({ extensions: { code: 'CONFLICT', subject: 'keep', currentVersion: keepVersion, expectedVersion: keepVersion - 1 } });
    const [staleDup] = await graphqlErrors(editor.request(MERGE, { keep: putin.id, kv: keepVersion, duplicate: dup.id, dv: 3 }));
    expect(staleDup).toMatchObject({ extensions: { code: 'CONFLICT', subject: 'duplicate', currentVersion: 1, expectedVersion: 3 } });
    const [unknown] = await graphqlErrors(editor.request(MERGE, { keep: putin.id, kv: keepVersion, duplicate: globalIdOf('Entity', 999_999), dv: 1 }));
    expect(unknown).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'duplicate' } });
    const [version] = await graphqlErrors(editor.request(MERGE, { keep: putin.id, kv: 0, duplicate: dup.id, dv: 1 }));
    expect(version).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'keepVersion' } });
    expect(await snapshot([putin.dbId, dup.dbId])).toEqual(before);
  });

  it('lets only one of two simultaneous merges into the same version of an entity happen', async () => {
    const [a, b] = [await duplicate('Poutine A', 'Putin A'), await duplicate('Poutine B', 'Putin B')];
    const kv = await versionOf(putin.dbId);
    const results = await Promise.allSettled([a, b].map((d) => editor.request(MERGE, { keep: putin.id, kv, duplicate: d.id, dv: 1 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = await graphqlErrors(Promise.reject((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason));
    expect(lost).toMatchObject({ extensions: { code: 'CONFLICT', subject: 'keep', currentVersion: kv + 1 } });
    const merged = await server.prisma.entity.count({ where: { id: { in: [a.dbId, b.dbId] }, mergedIntoId: putin.dbId } });
    expect(merged).toBe(1);
  });

  it('refuses anonymous callers (UNAUTHENTICATED) and readers (FORBIDDEN)', async () => {
    const dup = await duplicate('Poutine protégé', 'Putin protected');
    const vars = { keep: putin.id, kv: await versionOf(putin.dbId), duplicate: dup.id, dv: 1 };
    const [anonymous] = await graphqlErrors(server.client().request(MERGE, vars));
    expect(anonymous).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const [reader] = await graphqlErrors(server.client(await authHeader(server, 'READER')).request(MERGE, vars));
    expect(reader).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect((await server.prisma.entity.findUniqueOrThrow({ where: { id: dup.dbId } })).mergedIntoId).toBeNull();
  });

  it('writes nothing when it fails in the middle (quotes), and the client learns nothing of the database', async () => {
    const dup = await duplicate('Poutine piégé', 'Putin trapped', ['Poutine le piégé']);
    const keepVersion = await versionOf(putin.dbId);
    const before = await snapshot([putin.dbId, dup.dbId]);
    // Mentions have moved by the time quotes move: a failure there must undo them too.
    await server.prisma.$executeRawUnsafe(
      `CREATE FUNCTION test_fail_quote() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure on "Quote"'; END $$`,
    );
    await server.prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_quote BEFORE UPDATE ON "Quote" FOR EACH ROW EXECUTE FUNCTION test_fail_quote()`);
    let error: { message: string; extensions?: Record<string, unknown> } | undefined;
    try {
      [error] = await graphqlErrors(editor.request(MERGE, { keep: putin.id, kv: keepVersion, duplicate: dup.id, dv: 1 }));
    } finally {
      await server.prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_quote ON "Quote"`);
      await server.prisma.$executeRawUnsafe(`DROP FUNCTION test_fail_quote()`);
    }
    expect(error!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(error!.message).toMatch(/^Erreur interne du serveur \(référence : [\w-]+\)\.$/);
    expect(await snapshot([putin.dbId, dup.dbId])).toEqual(before);

    // Nothing half-done is in the way: the same merge then succeeds.
    const { mergeEntities } = await editor.request<{ mergeEntities: { aliases: string[] } }>(MERGE, {
      keep: putin.id,
      kv: keepVersion,
      duplicate: dup.id,
      dv: 1,
    });
    expect(mergeEntities.aliases).toEqual(expect.arrayContaining(['Poutine piégé', 'Poutine le piégé']));
  });
});
