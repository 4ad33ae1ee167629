import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLClient } from 'graphql-request';
import { graphqlErrors, startTestServer, type TestServer } from '../../support/server.js';
import { createArticle, globalIdOf } from '../../support/fixtures.js';
import { authHeader } from '../../support/tokens.js';

const ENTITY_FIELDS = `id version type name description aliases locale isFallback wikidataId translations { locale name origin }`;
const CREATE = gql`mutation ($input: CreateEntityInput!) { createEntity(input: $input) { ${ENTITY_FIELDS} } }`;
const UPDATE = gql`mutation ($id: ID!, $v: Int!, $input: UpdateEntityInput!) { updateEntity(id: $id, expectedVersion: $v, input: $input) { ${ENTITY_FIELDS} } }`;
const TRANSLATE = gql`mutation ($id: ID!, $v: Int!, $locale: Locale!, $input: EntityTextInput!) { upsertEntityTranslation(id: $id, expectedVersion: $v, locale: $locale, input: $input) { ${ENTITY_FIELDS} } }`;
const READ = gql`query ($id: ID!, $locale: Locale) { entity(id: $id, locale: $locale) { ${ENTITY_FIELDS} } }`;
const LINK = gql`mutation ($article: ID!, $v: Int!, $entity: ID!, $count: Int) { linkMention(article: $article, expectedVersion: $v, entity: $entity, count: $count) { version mentions { count entity { id name } } } }`;
const UNLINK = gql`mutation ($article: ID!, $v: Int!, $entity: ID!) { unlinkMention(article: $article, expectedVersion: $v, entity: $entity) { version mentions { count entity { id } } } }`;
const MENTIONS = gql`query ($id: ID!, $locale: Locale) { article(id: $id, locale: $locale) { version mentions { count entity { id name } } } }`;

interface EntityData {
  id: string;
  version: number;
  type: string;
  name: string;
  description: string | null;
  aliases: string[];
  locale: string;
  isFallback: boolean;
  wikidataId: string | null;
  translations: { locale: string; name: string; origin: string }[];
}
interface ArticleMentions {
  version: number;
  mentions: { count: number; entity: { id: string; name?: string } }[];
}

let server: TestServer;
let editor: GraphQLClient;
let english: GraphQLClient;
let putin: { id: string; dbId: number };

beforeAll(async () => {
  server = await startTestServer();
  editor = server.client(await authHeader(server, 'EDITOR', 'entity-editor'));
  english = server.client({ ...(await authHeader(server)), 'accept-language': 'en' });
  const row = await server.prisma.entity.findUniqueOrThrow({ where: { key: 'vladimir-putin' } });
  putin = { id: globalIdOf('Entity', row.id), dbId: row.id };
});
afterAll(() => server?.close());

const create = async (input: Record<string, unknown>) => (await editor.request<{ createEntity: EntityData }>(CREATE, { input })).createEntity;
const read = async (id: string, locale?: string) => (await server.client().request<{ entity: EntityData | null }>(READ, { id, locale })).entity;
const dbId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

describe('createEntity', () => {
  it('creates an entity in two languages, keyed by its first name, served in each', async () => {
    const input = {
      type: 'ORGANIZATION',
      wikidataId: 'Q123456789',
      translations: [
        {
          locale: 'FR',
          name: 'Conseil national pour la sauvegarde de la patrie',
          description: 'Junte au pouvoir au Niger.',
          aliases: ['CNSP', ' CNSP', 'cnsp'],
        },
        { locale: 'EN', name: 'National Council for the Safeguard of the Homeland', aliases: ['CNSP'] },
      ],
    };
    const created = await create(input);
    expect(created).toMatchObject({
      type: 'ORGANIZATION',
      name: 'Conseil national pour la sauvegarde de la patrie',
      aliases: ['CNSP'],
      locale: 'FR',
      version: 1,
      wikidataId: 'Q123456789',
    });
    expect(created.translations.map((t) => [t.locale, t.origin])).toEqual(
      expect.arrayContaining([
        ['FR', 'ORIGINAL'],
        ['EN', 'HUMAN'],
      ]),
    );
    expect(await read(created.id, 'EN')).toMatchObject({
      name: 'National Council for the Safeguard of the Homeland',
      description: null,
      locale: 'EN',
      isFallback: false,
    });
    expect((await server.prisma.entity.findUniqueOrThrow({ where: { id: dbId(created.id) } })).key).toBe('conseil-national-pour-la-sauvegarde-de-la-patrie');

    // Same name again: a key of its own. Readers find both by name right away.
    const twin = await create({ type: 'ORGANIZATION', translations: [{ locale: 'FR', name: 'Conseil national pour la sauvegarde de la patrie' }] });
    expect((await server.prisma.entity.findUniqueOrThrow({ where: { id: dbId(twin.id) } })).key).toBe('conseil-national-pour-la-sauvegarde-de-la-patrie-2');
    const { entities } = await server
      .client()
      .request<{ entities: { edges: { node: { id: string } }[] } }>(gql`{ entities(filter: { name: "CNSP" }) { edges { node { id } } } }`);
    expect(entities.edges.map((e) => e.node.id)).toContain(created.id);
  });

  it('gives entities created at the same time with the same name keys of their own', async () => {
    const input = { type: 'PLACE', translations: [{ locale: 'FR', name: 'Lieu-dit concurrent' }] };
    const created = await Promise.all([1, 2, 3].map(() => create(input)));
    const keys = await server.prisma.entity.findMany({ where: { id: { in: created.map((e) => dbId(e.id)) } }, select: { key: true } });
    expect(keys.map((k) => k.key).sort()).toEqual(['lieu-dit-concurrent', 'lieu-dit-concurrent-2', 'lieu-dit-concurrent-3']);
  });

  it('refuses a Wikidata id another entity has: BAD_USER_INPUT naming the field and the entity that has it', async () => {
    const before = await server.prisma.entity.count();
    const [error] = await graphqlErrors(
      editor.request(CREATE, { input: { type: 'PERSON', wikidataId: 'Q7747', translations: [{ locale: 'FR', name: 'Poutine bis' }] } }),
    );
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.wikidataId', existing: putin.id } });
    expect(error!.message).toContain('Q7747');
    expect(await server.prisma.entity.count()).toBe(before);
  });

  it('validates its input, naming the field, in French by default and in English on request', async () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [
        { type: 'PERSON', translations: [{ locale: 'FR', name: ' ' }] },
        'input.translations[0].name',
        '« input.translations[0].name » ne peut pas être vide.',
        '"input.translations[0].name" cannot be empty.',
      ],
      [
        { type: 'PERSON', translations: [{ locale: 'FR', name: 'n'.repeat(201) }] },
        'input.translations[0].name',
        '« input.translations[0].name » ne peut pas dépasser 200 caractères.',
        '"input.translations[0].name" cannot be longer than 200 characters.',
      ],
      [
        { type: 'PERSON', translations: [{ locale: 'FR', name: 'Nom', aliases: ['ok', ''] }] },
        'input.translations[0].aliases',
        '« input.translations[0].aliases » ne peut pas être vide.',
        '"input.translations[0].aliases" cannot be empty.',
      ],
      [
        { type: 'PERSON', wikidataId: 'Q0', translations: [{ locale: 'FR', name: 'Nom' }] },
        'input.wikidataId',
        '« input.wikidataId » doit être un identifiant Wikidata comme Q7747.',
        '"input.wikidataId" must be a Wikidata id such as Q7747.',
      ],
      [
        {
          type: 'PERSON',
          translations: [
            { locale: 'FR', name: 'Nom' },
            { locale: 'FR', name: 'Autre' },
          ],
        },
        'input.translations',
        '« input.translations » indique deux fois la même langue : un seul texte par langue.',
        '"input.translations" gives the same language twice: one text per language.',
      ],
      [
        { type: 'PERSON', translations: [] },
        'input.translations',
        '« input.translations » doit contenir au moins 1 élément(s).',
        '"input.translations" must contain at least 1 item(s).',
      ],
    ];
    const before = await server.prisma.entity.count();
    for (const [input, argument, fr, en] of cases) {
      const [frError] = await graphqlErrors(editor.request(CREATE, { input }));
      expect(frError).toMatchObject({ message: fr, extensions: { code: 'BAD_USER_INPUT', argument } });
      const [enError] = await graphqlErrors(english.request(CREATE, { input }));
      expect(enError).toMatchObject({ message: en, extensions: { code: 'BAD_USER_INPUT', argument } });
    }
    expect(await server.prisma.entity.count()).toBe(before);
  });
});

describe('updateEntity', () => {
  it('changes type and Wikidata id atomically on the version; a stale version is a CONFLICT that changes nothing', async () => {
    const entity = await create({ type: 'OTHER', translations: [{ locale: 'FR', name: 'Opération Barkhane' }] });
    const { updateEntity } = await editor.request<{ updateEntity: EntityData }>(UPDATE, {
      id: entity.id,
      v: 1,
      input: { type: 'EVENT', wikidataId: 'Q16678848' },
    });
    expect(updateEntity).toMatchObject({ type: 'EVENT', wikidataId: 'Q16678848', version: 2 });
    const [stale] = await graphqlErrors(editor.request(UPDATE, { id: entity.id, v: 1, input: { type: 'PLACE' } }));
    expect(stale).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 } });
    expect(await read(entity.id)).toMatchObject({ type: 'EVENT', version: 2 });
    // null removes the Wikidata id.
    const { updateEntity: cleared } = await editor.request<{ updateEntity: EntityData }>(UPDATE, { id: entity.id, v: 2, input: { wikidataId: null } });
    expect(cleared).toMatchObject({ wikidataId: null, version: 3 });
  });

  it('refuses an empty change, a taken Wikidata id, and unknown ids', async () => {
    const entity = await create({ type: 'PERSON', translations: [{ locale: 'FR', name: 'Personne ordinaire' }] });
    const [empty] = await graphqlErrors(editor.request(UPDATE, { id: entity.id, v: 1, input: {} }));
    expect(empty).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input' } });
    const [taken] = await graphqlErrors(english.request(UPDATE, { id: entity.id, v: 1, input: { wikidataId: 'Q7747' } }));
    expect(taken).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.wikidataId', existing: putin.id } });
    expect(taken!.message).toMatch(/^Another entity already has the Wikidata id Q7747/);
    expect(await read(entity.id)).toMatchObject({ wikidataId: null, version: 1 });
    const [unknown] = await graphqlErrors(editor.request(UPDATE, { id: globalIdOf('Entity', 999_999), v: 1, input: { type: 'PLACE' } }));
    expect(unknown).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'id' } });
    const [malformed] = await graphqlErrors(editor.request(UPDATE, { id: 'nope', v: 1, input: { type: 'PLACE' } }));
    expect(malformed).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  });
});

describe('upsertEntityTranslation', () => {
  it('replaces the English name; French is unchanged; the old text is kept as a revision with its author', async () => {
    const before = (await read(putin.id))!;
    const { upsertEntityTranslation } = await editor.request<{ upsertEntityTranslation: EntityData }>(TRANSLATE, {
      id: putin.id,
      v: before.version,
      locale: 'EN',
      input: { name: 'V. Putin', description: 'Russian president.', aliases: ['Putin', 'Vladimir Putin'], origin: 'HUMAN' },
    });
    expect(upsertEntityTranslation).toMatchObject({ name: 'V. Putin', locale: 'EN', aliases: ['Putin', 'Vladimir Putin'], version: before.version + 1 });

    expect(await read(putin.id, 'EN')).toMatchObject({ name: 'V. Putin', description: 'Russian president.' });
    expect(await read(putin.id, 'FR')).toMatchObject({
      name: 'Vladimir Poutine',
      description: 'Homme politique russe, président de la Russie.',
      aliases: before.aliases,
    });
    const token = await server.prisma.apiToken.findFirstOrThrow({ where: { name: 'entity-editor' } });
    const revisions = await server.prisma.revision.findMany({ where: { subject: 'ENTITY', subjectId: putin.dbId } });
    expect(revisions).toEqual([
      expect.objectContaining({
        locale: 'EN',
        version: 1,
        authorId: token.id,
        data: {
          name: 'Vladimir Putin',
          description: 'Russian politician, president of Russia.',
          aliases: ['Putin', 'Vladimir Vladimirovich Putin'],
          origin: 'HUMAN',
        },
      }),
    ]);
    // The new name finds the entity; the old one is no longer an English name of it.
    const { entities } = await server
      .client()
      .request<{ entities: { edges: { node: { id: string; name: string } }[] } }>(
        gql`{ entities(filter: { name: "V. Putin" }, locale: EN) { edges { node { id name } } } }`,
      );
    expect(entities.edges[0]!.node).toEqual({ id: putin.id, name: 'V. Putin' });
  });

  it('adds a language an entity lacked, without a revision', async () => {
    const entity = await create({ type: 'PLACE', translations: [{ locale: 'FR', name: 'Tillabéri' }] });
    expect(await read(entity.id, 'EN')).toMatchObject({ name: 'Tillabéri', locale: 'FR', isFallback: true });
    await editor.request(TRANSLATE, { id: entity.id, v: 1, locale: 'EN', input: { name: 'Tillaberi', origin: 'MACHINE' } });
    expect(await read(entity.id, 'EN')).toMatchObject({ name: 'Tillaberi', locale: 'EN', isFallback: false, version: 2 });
    expect(await server.prisma.revision.count({ where: { subject: 'ENTITY', subjectId: dbId(entity.id) } })).toBe(0);
  });

  it('refuses a second original language, a stale version, unknown ids and invalid text', async () => {
    const entity = await create({ type: 'PLACE', translations: [{ locale: 'FR', name: 'Dosso' }] });
    const [original] = await graphqlErrors(editor.request(TRANSLATE, { id: entity.id, v: 1, locale: 'EN', input: { name: 'Dosso', origin: 'ORIGINAL' } }));
    expect(original).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.origin' } });
    const [stale] = await graphqlErrors(editor.request(TRANSLATE, { id: entity.id, v: 9, locale: 'EN', input: { name: 'Dosso', origin: 'HUMAN' } }));
    expect(stale).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 1, expectedVersion: 9 } });
    const [unknown] = await graphqlErrors(
      editor.request(TRANSLATE, { id: globalIdOf('Entity', 999_999), v: 1, locale: 'EN', input: { name: 'x', origin: 'HUMAN' } }),
    );
    expect(unknown).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const [alias] = await graphqlErrors(
      english.request(TRANSLATE, { id: entity.id, v: 1, locale: 'EN', input: { name: 'Dosso', aliases: ['  '], origin: 'HUMAN' } }),
    );
    expect(alias).toMatchObject({ message: '"input.aliases" cannot be empty.', extensions: { code: 'BAD_USER_INPUT', argument: 'input.aliases' } });
    const [description] = await graphqlErrors(
      editor.request(TRANSLATE, { id: entity.id, v: 1, locale: 'EN', input: { name: 'Dosso', description: 'd'.repeat(1_001), origin: 'HUMAN' } }),
    );
    expect(description).toMatchObject({
      message: '« input.description » ne peut pas dépasser 1000 caractères.',
      extensions: { argument: 'input.description' },
    });
    expect(await read(entity.id, 'EN')).toMatchObject({ locale: 'FR', version: 1 });
  });
});

describe('linkMention / unlinkMention', () => {
  it('link, recount and unlink an entity on an article, bumping its version; readers see it in both languages', async () => {
    const row = await createArticle(server.prisma, { titles: { FR: 'Article mentionnant' } });
    const article = globalIdOf('Article', row.id);
    const entity = await create({
      type: 'PLACE',
      translations: [
        { locale: 'FR', name: 'Niamey (ville)' },
        { locale: 'EN', name: 'Niamey (city)' },
      ],
    });

    const { linkMention } = await editor.request<{ linkMention: ArticleMentions }>(LINK, { article, v: 1, entity: entity.id });
    expect(linkMention).toEqual({ version: 2, mentions: [{ count: 1, entity: { id: entity.id, name: 'Niamey (ville)' } }] });
    await editor.request(LINK, { article, v: 2, entity: entity.id, count: 4 });
    const read = async (locale: string) => (await server.client().request<{ article: ArticleMentions }>(MENTIONS, { id: article, locale })).article;
    expect(await read('EN')).toEqual({ version: 3, mentions: [{ count: 4, entity: { id: entity.id, name: 'Niamey (city)' } }] });
    expect((await read('FR')).mentions[0]!.entity.name).toBe('Niamey (ville)');

    const { unlinkMention } = await editor.request<{ unlinkMention: ArticleMentions }>(UNLINK, { article, v: 3, entity: entity.id });
    expect(unlinkMention).toEqual({ version: 4, mentions: [] });
    expect(await read('FR')).toEqual({ version: 4, mentions: [] });
  });

  it('refuse stale versions (CONFLICT), unknown ids and absent mentions (NOT_FOUND), a count below 1, changing nothing', async () => {
    const row = await createArticle(server.prisma, { titles: { FR: 'Article disputé' }, mentions: [{ entityId: putin.dbId, count: 2 }] });
    const article = globalIdOf('Article', row.id);
    const other = await create({ type: 'PERSON', translations: [{ locale: 'FR', name: 'Inconnu au bataillon' }] });
    const [stale] = await graphqlErrors(editor.request(LINK, { article, v: 5, entity: putin.id, count: 9 }));
    expect(stale).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 1, expectedVersion: 5 } });
    const [staleUnlink] = await graphqlErrors(editor.request(UNLINK, { article, v: 5, entity: putin.id }));
    expect(staleUnlink).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 1 } });
    const [entity] = await graphqlErrors(editor.request(LINK, { article, v: 1, entity: globalIdOf('Entity', 999_999) }));
    expect(entity).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'entity' } });
    const [noArticle] = await graphqlErrors(editor.request(LINK, { article: globalIdOf('Article', 999_999), v: 1, entity: putin.id }));
    expect(noArticle).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const [absent] = await graphqlErrors(english.request(UNLINK, { article, v: 1, entity: other.id }));
    expect(absent).toMatchObject({ message: 'The article does not mention the entity "entity".', extensions: { code: 'NOT_FOUND', argument: 'entity' } });
    const [count] = await graphqlErrors(editor.request(LINK, { article, v: 1, entity: putin.id, count: 0 }));
    expect(count).toMatchObject({ message: '« count » doit valoir au moins 1.', extensions: { code: 'BAD_USER_INPUT', argument: 'count' } });
    const { article: after } = await editor.request<{ article: ArticleMentions }>(MENTIONS, { id: article });
    expect(after).toEqual({ version: 1, mentions: [{ count: 2, entity: { id: putin.id, name: 'Vladimir Poutine' } }] });
  });
});

describe('entity mutations', () => {
  it('refuse anonymous callers (UNAUTHENTICATED) and readers (FORBIDDEN)', async () => {
    const input = { type: 'PERSON', translations: [{ locale: 'FR', name: 'Intrus' }] };
    const [anonymous] = await graphqlErrors(server.client().request(CREATE, { input }));
    expect(anonymous).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const reader = server.client(await authHeader(server, 'READER'));
    const article = globalIdOf('Article', 1);
    for (const request of [
      () => reader.request(CREATE, { input }),
      () => reader.request(UPDATE, { id: putin.id, v: 1, input: { type: 'PLACE' } }),
      () => reader.request(TRANSLATE, { id: putin.id, v: 1, locale: 'EN', input: { name: 'x', origin: 'HUMAN' } }),
      () => reader.request(LINK, { article, v: 1, entity: putin.id }),
      () => reader.request(UNLINK, { article, v: 1, entity: putin.id }),
    ]) {
      const [error] = await graphqlErrors(request());
      expect(error).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    expect(await server.prisma.entity.count({ where: { translations: { some: { name: 'Intrus' } } } })).toBe(0);
  });
});
