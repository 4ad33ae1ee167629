import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from 'graphql-request';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function entityId(name: string): Promise<string> {
  const { entities } = await server
    .client()
    .request<{ entities: { edges: { node: { id: string; name: string } }[] } }>(gql`{ entities(first: 100, locale: FR) { edges { node { id name } } } }`);
  const found = entities.edges.find((e) => e.node.name === name);
  if (!found) throw new Error(`no entity ${name}`);
  return found.node.id;
}

describe('entities', () => {
  it('serve names, descriptions, aliases and labels per language', async () => {
    const id = await entityId('Vladimir Poutine');
    const query = gql`query ($id: ID!, $locale: Locale) { entity(id: $id, locale: $locale) { id type typeLabel name description aliases locale isFallback wikidataId translations { locale name } } }`;
    const fr = (await server.client().request<{ entity: Record<string, unknown> }>(query, { id, locale: 'FR' })).entity;
    const en = (await server.client({ 'accept-language': 'en-US' }).request<{ entity: Record<string, unknown> }>(query, { id })).entity;
    expect(fr).toMatchObject({ id, type: 'PERSON', typeLabel: 'Personne', name: 'Vladimir Poutine', locale: 'FR', isFallback: false, wikidataId: 'Q7747' });
    expect(en).toMatchObject({ id, type: 'PERSON', typeLabel: 'Person', name: 'Vladimir Putin', locale: 'EN', isFallback: false, wikidataId: 'Q7747' });
    expect(fr.aliases).toContain('Poutine');
    expect(en.aliases).toContain('Putin');
    expect(fr.description).not.toEqual(en.description);
  });

  it('list the articles that mention them, in the entity’s language', async () => {
    const id = await entityId('Agadez');
    const { entity } = await server
      .client()
      .request<{ entity: { articles: { totalCount: number; edges: { node: { title: string; locale: string } }[] } } }>(
        gql`query ($id: ID!) { entity(id: $id, locale: EN) { articles(first: 5) { totalCount edges { node { title locale } } } } }`,
        { id },
      );
    expect(entity.articles).toEqual({ totalCount: 1, edges: [{ node: { title: 'US agrees to withdraw troops from Niger', locale: 'EN' } }] });
  });

  it('list what they said', async () => {
    const id = await entityId('Radio Télévision du Niger');
    const { entity } = await server
      .client()
      .request<{ entity: { quotes: { totalCount: number; edges: { node: { text: string; speaker: { id: string } } }[] } } }>(
        gql`query ($id: ID!) { entity(id: $id) { quotes(first: 10) { totalCount edges { node { text speaker { id } } } } } }`,
        { id },
      );
    expect(entity.quotes.totalCount).toBe(4);
    expect(entity.quotes.edges.map((e) => e.node.text)).toContain('doter');
    expect(entity.quotes.edges.every((e) => e.node.speaker.id === id)).toBe(true);
  });

  it('filter by type', async () => {
    const { entities } = await server
      .client()
      .request<{ entities: { totalCount: number; edges: { node: { type: string } }[] } }>(
        gql`{ entities(first: 100, filter: { type: PERSON }) { totalCount edges { node { type } } } }`,
      );
    expect(entities.totalCount).toBeGreaterThanOrEqual(5);
    expect(entities.edges.every((e) => e.node.type === 'PERSON')).toBe(true);
  });
});

describe('quotes', () => {
  it('lead back to their article and speaker, in the requested language', async () => {
    const { quotes } = await server.client().request<{
      quotes: {
        totalCount: number;
        edges: {
          node: { id: string; text: string; originalText: string; attribution: string | null; article: { title: string }; speaker: { name: string } | null };
        }[];
      };
    }>(gql`{ quotes(first: 20, locale: EN) { totalCount edges { node { id text originalText attribution article { title } speaker { name } } } } }`);
    expect(quotes.totalCount).toBe(8);
    const doter = quotes.edges.find((e) => e.node.originalText === 'doter')!.node;
    expect(doter.article.title).toBe('US agrees to withdraw troops from Niger');
    expect(doter.speaker!.name).toBe('Radio Télévision du Niger');
    expect(doter.attribution).toBeTruthy();
    const { quote } = await server
      .client()
      .request<{ quote: { text: string; locale: string } }>(gql`query ($id: ID!) { quote(id: $id, locale: FR) { text locale } }`, { id: doter.id });
    expect(quote).toEqual({ text: 'doter', locale: 'FR' });
  });

  it('filter by speaker and by article', async () => {
    const speaker = await entityId('Radio Télévision du Niger');
    const { article } = await server
      .client()
      .request<{ article: { id: string } }>(gql`{ article(slug: "les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger") { id } }`);
    const data = await server.client().request<{ bySpeaker: { totalCount: number }; byArticle: { totalCount: number }; both: { totalCount: number } }>(
      gql`query ($speaker: ID!, $article: ID!) {
        bySpeaker: quotes(filter: { speaker: $speaker }) { totalCount }
        byArticle: quotes(filter: { article: $article }) { totalCount }
        both: quotes(filter: { speaker: $speaker, article: $article }) { totalCount }
      }`,
      { speaker, article: article.id },
    );
    expect(data).toEqual({ bySpeaker: { totalCount: 4 }, byArticle: { totalCount: 8 }, both: { totalCount: 4 } });
  });

  it('refuse a filter id that is not an entity id', async () => {
    await expect(server.client({ 'accept-language': 'en' }).request(gql`{ quotes(filter: { speaker: "nope" }) { totalCount } }`)).rejects.toMatchObject({
      response: { errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.speaker' } }] },
    });
  });
});

describe('article filters', () => {
  it('find articles by mentioned entity, speaker, language and date range', async () => {
    const putin = await entityId('Vladimir Poutine');
    const rtn = await entityId('Radio Télévision du Niger');
    const data = await server.client().request<Record<string, { totalCount: number }>>(
      gql`query ($putin: ID!, $rtn: ID!) {
        mentions: articles(filter: { mentions: $putin }) { totalCount }
        speaker: articles(filter: { speaker: $rtn }) { totalCount }
        noQuotes: articles(filter: { speaker: $putin }) { totalCount }
        english: articles(filter: { availableIn: EN }) { totalCount }
        englishSource: articles(filter: { sourceLocale: EN }) { totalCount }
        april: articles(filter: { publishedAfter: "2024-04-01T00:00:00Z", publishedBefore: "2024-05-01T00:00:00Z" }) { totalCount }
        may: articles(filter: { publishedAfter: "2024-05-01T00:00:00Z" }) { totalCount }
        march: articles(filter: { publishedBefore: "2024-04-01T00:00:00Z" }) { totalCount }
      }`,
      { putin, rtn },
    );
    expect(data).toEqual({
      mentions: { totalCount: 1 },
      speaker: { totalCount: 1 },
      noQuotes: { totalCount: 0 },
      english: { totalCount: 1 },
      englishSource: { totalCount: 0 },
      april: { totalCount: 1 },
      may: { totalCount: 0 },
      march: { totalCount: 0 },
    });
  });
});
