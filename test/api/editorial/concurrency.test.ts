import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, type GraphQLClient } from 'graphql-request';
import { startTestServer, type TestServer } from '../../support/server.js';
import { authHeader } from '../../support/tokens.js';
import { create, revisions, update, upsert } from '../../support/articles-api.js';
import { databaseId } from '../../../src/common/node.js';

let server: TestServer;
let editors: GraphQLClient[];

beforeAll(async () => {
  server = await startTestServer();
  // Several editors, each with a token of their own, as in a newsroom.
  editors = await Promise.all(Array.from({ length: 4 }, async (_, i) => server.client(await authHeader(server, 'EDITOR', `editor-${i}`))));
});
afterAll(() => server?.close());

/** Runs every call at once; what each one answered (data or its first error code). */
async function settle<T>(calls: (() => Promise<T>)[]) {
  return Promise.all(
    calls.map((call) =>
      call().then(
        (data) => ({ ok: true as const, data }),
        (e: unknown) => {
          if (!(e instanceof ClientError)) throw e;
          return { ok: false as const, error: e.response.errors![0]! };
        },
      ),
    ),
  );
}

describe('editors saving at once', () => {
  it('20 updates from the same version: exactly one wins, 19 CONFLICT, nothing lost silently', async () => {
    const article = await create(editors[0]!, { sourceLocale: 'FR', title: 'Titre de départ', body: [{ kind: 'TEXT', text: 'Texte.' }] });
    const titles = Array.from({ length: 20 }, (_, i) => `Titre proposé n° ${i + 1}`);
    const results = await settle(titles.map((title, i) => () => update(editors[i % editors.length]!, article.id, 1, { title })));

    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.error.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 1, currentVersion: 2 });

    const winner = won[0]!.data;
    expect(winner.version).toBe(2);
    const stored = await server.prisma.articleTranslation.findFirstOrThrow({ where: { articleId: databaseId(article.id)!.id, locale: 'FR' } });
    expect(stored).toMatchObject({ title: winner.title, version: 2 });
    expect(titles).toContain(stored.title);

    const history = await revisions(editors[0]!, article.id, 'FR');
    expect(history.totalCount).toBe(1);
    expect(history.edges[0]!.node).toMatchObject({ version: 1, title: 'Titre de départ' });
  });

  it('a translation and a source edit from the same version: one wins, the other is told', async () => {
    const article = await create(editors[0]!, { sourceLocale: 'EN', title: 'Starting title', body: [] });
    const results = await settle<unknown>([
      () => update(editors[1]!, article.id, 1, { title: 'Edited title' }),
      () => upsert(editors[2]!, article.id, 1, 'FR', { title: 'Titre traduit', body: [], origin: 'HUMAN' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.extensions)).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);
    const row = await server.prisma.article.findUniqueOrThrow({ where: { id: databaseId(article.id)!.id }, include: { translations: true } });
    expect(row.version).toBe(2);
  });

  it('twins created at once with the same title each get a slug of their own', async () => {
    const input = { sourceLocale: 'FR', title: 'Jumeaux simultanés à Agadez', body: [] };
    const results = await settle([0, 1, 2].map((i) => () => create(editors[i]!, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    const slugs = results.map((r) => r.ok && r.data.slug).sort();
    expect(slugs).toEqual(['jumeaux-simultanes-a-agadez', 'jumeaux-simultanes-a-agadez-2', 'jumeaux-simultanes-a-agadez-3']);
  });
});
