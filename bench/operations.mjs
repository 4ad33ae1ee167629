// The benchmarked operations, as each server is asked for them. Dépêche answers all of them;
// PostGraphile the feed, the cards and the article, the raw baseline the feed and the article
// (issue 6, item 3).

const DEPECHE_FEED = `query Feed {
  articles(first: 20, locale: EN) {
    edges { node { title lede dateLabel mentions { entity { name typeLabel } } quotes { text speaker { name } } } }
  }
}`;

// The feed as another app would ask for it (issue 13, "honesty"): other fields, aliases, a
// fragment, in French, a page of 30. Nothing in the server knows this document.
const DEPECHE_CARDS = `query Cards {
  cards: articles(first: 30, locale: FR) {
    edges { cursor node { ...Card } }
    pageInfo { hasNextPage endCursor }
  }
}
fragment Card on Article {
  id slug headline: title isFallback when: publishedAt precision: datePrecision
  place: dateline { name }
  tags: mentions { count entity { id label: name type } }
}`;

const DEPECHE_ARTICLE = `query Article($slug: String!) {
  article(slug: $slug, locale: EN) {
    title lede dateLabel body { kind text }
    mentions { count entity { name typeLabel } }
    quotes { text speaker { name } }
  }
}`;

const DEPECHE_ENTITY = `query EntityPage($id: ID!) {
  entity(id: $id, locale: EN) {
    name typeLabel description aliases
    articles(first: 20) { edges { node { title lede dateLabel } } }
  }
}`;

const DEPECHE_SEARCH = `query Search($query: String!) {
  search(query: $query, locale: EN, first: 20) {
    totalCount
    edges { node {
      kind rank snippet
      ... on ArticleHit { article { title dateLabel } }
      ... on QuoteHit { quote { text } }
      ... on EntityHit { entity { name typeLabel } }
    } }
  }
}`;

// PostGraphile has no fallback chain: it returns the text of both languages and the client picks
// EN, else FR, which is the work Dépêche does on the server. Dates come raw (no dateLabel), the
// entity type as an enum (no typeLabel). Quotes are ordered by id, which is their position order.
const PG_ARTICLE_FIELDS = `
  slug publishedAt datePrecision sourceLocale
  articleTranslationsByArticleId { nodes { locale title lede BODY } }
  mentionsByArticleId { nodes { count entityByEntityId { type entityTranslationsByEntityId { nodes { locale name } } } } }
  quotesByArticleId(orderBy: PRIMARY_KEY_ASC) { nodes {
    quoteTranslationsByQuoteId { nodes { locale text } }
    entityBySpeakerId { entityTranslationsByEntityId { nodes { locale name } } }
  } }`;

const POSTGRAPHILE_FEED = `query Feed {
  allArticles(first: 20, condition: { status: PUBLISHED }, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC]) {
    nodes { ${PG_ARTICLE_FIELDS.replace(' BODY', '')} }
  }
}`;

const POSTGRAPHILE_CARDS = `query Cards {
  cards: allArticles(first: 30, condition: { status: PUBLISHED }, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC]) {
    nodes { ...Card }
    pageInfo { hasNextPage endCursor }
  }
}
fragment Card on Article {
  rowId slug when: publishedAt precision: datePrecision
  texts: articleTranslationsByArticleId { nodes { locale headline: title } }
  place: entityByDatelineId { entityTranslationsByEntityId { nodes { locale name } } }
  tags: mentionsByArticleId { nodes { count entityByEntityId { rowId type entityTranslationsByEntityId { nodes { locale label: name } } } } }
}`;

const POSTGRAPHILE_ARTICLE = `query Article($slug: String!) {
  allArticles(first: 1, condition: { slug: $slug, status: PUBLISHED }) {
    nodes { ${PG_ARTICLE_FIELDS.replace(' BODY', ' body')} }
  }
}`;

const graphql = (path, query, variables = {}) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query, variables }),
});

/** Requests per server and operation; `inputs` comes from pickInputs. */
export function requests(server, inputs) {
  if (server === 'depeche') {
    return {
      feed: graphql('/graphql', DEPECHE_FEED),
      cards: graphql('/graphql', DEPECHE_CARDS),
      article: graphql('/graphql', DEPECHE_ARTICLE, { slug: inputs.slug }),
      entity: graphql('/graphql', DEPECHE_ENTITY, { id: inputs.entityId }),
      search: graphql('/graphql', DEPECHE_SEARCH, { query: inputs.searchTerm }),
    };
  }
  if (server === 'postgraphile') {
    return {
      feed: graphql('/graphql', POSTGRAPHILE_FEED),
      cards: graphql('/graphql', POSTGRAPHILE_CARDS),
      article: graphql('/graphql', POSTGRAPHILE_ARTICLE, { slug: inputs.slug }),
    };
  }
  return {
    feed: { method: 'GET', path: '/feed?locale=EN' },
    article: { method: 'GET', path: `/article?locale=EN&slug=${encodeURIComponent(inputs.slug)}` },
  };
}

/** Throws unless the answer is a full one: no GraphQL errors, and the item the operation asked for. */
export function checkAnswer(server, op, json) {
  if (json.errors) throw new Error(`${server} ${op}: ${JSON.stringify(json.errors).slice(0, 500)}`);
  const d = json.data;
  const found = {
    feed: () => (d.articles?.edges ?? d.allArticles?.nodes)?.length === 20,
    cards: () => (d.cards.edges ?? d.cards.nodes)?.length === 30,
    article: () => Boolean(d.article ?? d.allArticles?.nodes?.[0]),
    entity: () => d.entity?.articles?.edges?.length === 20,
    search: () => d.search?.edges?.length > 0,
  }[op]();
  if (!found) throw new Error(`${server} ${op}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);
}

/**
 * Inputs that exercise each operation: a published article with English text and several quotes,
 * the most mentioned entity (its page is the largest), and the English name of a person in the
 * archive's top 30 (a search that finds hundreds of articles, not all of them).
 */
export async function pickInputs(client) {
  const one = async (sql) => (await client.query(sql)).rows[0];
  const article = await one(`
    SELECT a.slug FROM "Article" a
    WHERE a.status = 'PUBLISHED'
      AND EXISTS (SELECT 1 FROM "ArticleTranslation" t WHERE t."articleId" = a.id AND t.locale = 'EN')
      AND (SELECT count(*) FROM "Quote" q WHERE q."articleId" = a.id) >= 4
    ORDER BY a.id LIMIT 1`);
  const entity = await one(`SELECT "entityId" AS id, count(*)::int AS articles FROM "Mention" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
  const person = await one(`
    SELECT et.name, x.articles FROM (
      SELECT m."entityId", count(*)::int AS articles FROM "Mention" m JOIN "Entity" e ON e.id = m."entityId"
      WHERE e.type = 'PERSON' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1 OFFSET 29
    ) x JOIN "EntityTranslation" et ON et."entityId" = x."entityId" AND et.locale = 'EN'`);
  return {
    slug: article.slug,
    entityId: Buffer.from(`Entity:${entity.id}`).toString('base64'),
    entityArticles: entity.articles,
    searchTerm: person.name,
    searchArticles: person.articles,
  };
}

// The most expensive search the limits accept (issue 17, item 2): as many aliases as the cost
// limit lets through (a search costs 5,000 of 20,000, plus its page), the largest page, snippets,
// and a query of SEARCH.TERMS_MAX distinct words, the archive's most frequent ones, joined by OR,
// so that nearly every text and quote matches.
export const HOSTILE_ALIASES = 3;
const hostileSearch = (n) =>
  `s${n}: search(query: $query, first: 100) { totalCount edges { node { rank snippet snippetLocale ... on ArticleHit { article { title dateLabel } } ... on QuoteHit { quote { text } } ... on EntityHit { entity { name } } } } }`;
const HOSTILE_SEARCH = `query Hostile($query: String!) { ${Array.from({ length: HOSTILE_ALIASES }, (_, i) => hostileSearch(i)).join(' ')} }`;

const EDITOR_READ = `query EditorRead($slug: String!) {
  article(slug: $slug, locale: EN) { title lede body { kind text } version translations { locale title } }
}`;

/** The hostile line's requests: the worst accepted search, and the two reads that must not suffer from it. */
export function hostileRequests(inputs, editorToken) {
  const editor = graphql('/graphql', EDITOR_READ, { slug: inputs.slug });
  return {
    worst: graphql('/graphql', HOSTILE_SEARCH, { query: inputs.hostileQuery }),
    feed: graphql('/graphql', DEPECHE_FEED),
    editor: { ...editor, headers: { ...editor.headers, authorization: `Bearer ${editorToken}` } },
  };
}

/** Throws unless the hostile search was served whole: no errors, every alias with a full page. */
export function checkHostileAnswer(json) {
  if (json.errors) throw new Error(`hostile search refused or failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
  for (let i = 0; i < HOSTILE_ALIASES; i++) {
    if (json.data[`s${i}`].edges.length !== 100) throw new Error(`hostile search s${i}: ${json.data[`s${i}`].edges.length} hits, expected a full page`);
  }
}

/** The ten most frequent words of the archive, five per language (lexemes, which parse to themselves), joined by OR. */
export async function pickHostileQuery(client) {
  const top = async (locale) =>
    (
      await client.query(`SELECT word FROM ts_stat($$SELECT search FROM "ArticleTranslation" WHERE locale = '${locale}'$$) ORDER BY ndoc DESC, word LIMIT 8`)
    ).rows.map((r) => r.word);
  const words = [...new Set([...(await top('FR')).slice(0, 5), ...(await top('EN'))])].slice(0, 10);
  return words.join(' OR ');
}
