import { gql, type GraphQLClient } from 'graphql-request';

// The article write path as an editor's client sends it, shared by the editorial test files.

const ARTICLE = `
  id slug version sourceLocale locale isFallback title lede body { kind text } agency publishedAt datePrecision
  dateline { name }
  mentions { count entity { id name } }
  translations { locale title origin version sourceVersion }
  fr: translationState(locale: FR)
  en: translationState(locale: EN)
`;

export interface ArticleData {
  id: string;
  slug: string;
  version: number;
  sourceLocale: 'FR' | 'EN';
  locale: 'FR' | 'EN';
  isFallback: boolean;
  title: string;
  lede: string | null;
  body: { kind: string; text: string }[];
  agency: string | null;
  publishedAt: string | null;
  datePrecision: string;
  dateline: { name: string } | null;
  mentions: { count: number; entity: { id: string; name: string } }[];
  translations: { locale: string; title: string; origin: string; version: number; sourceVersion: number }[];
  fr: string;
  en: string;
}

export const CREATE = gql`mutation Create($input: CreateArticleInput!, $locale: Locale) { createArticle(input: $input, locale: $locale) { ${ARTICLE} } }`;
export const UPDATE = gql`mutation Update($id: ID!, $v: Int!, $input: UpdateArticleInput!, $locale: Locale) {
  updateArticle(id: $id, expectedVersion: $v, input: $input, locale: $locale) { ${ARTICLE} }
}`;
export const UPSERT = gql`mutation Translate($id: ID!, $v: Int!, $locale: Locale!, $input: ArticleTranslationInput!) {
  upsertArticleTranslation(id: $id, expectedVersion: $v, locale: $locale, input: $input) { ${ARTICLE} }
}`;
export const RESTORE = gql`mutation Restore($id: ID!, $v: Int!, $revision: ID!, $locale: Locale) {
  restoreArticleRevision(id: $id, expectedVersion: $v, revision: $revision, locale: $locale) { ${ARTICLE} }
}`;
export const PUBLISH = gql`mutation Publish($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { ${ARTICLE} } }`;
const PUBLISH_TRANSLATION = gql`mutation PublishTranslation($id: ID!, $v: Int!, $locale: Locale!) {
  publishArticleTranslation(id: $id, expectedVersion: $v, locale: $locale) { ${ARTICLE} }
}`;
const REVISIONS = gql`query Revisions($id: ID!, $locale: Locale!, $first: Int, $after: String) {
  articleRevisions(id: $id, locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id locale version title lede body { kind text } author createdAt } }
  }
}`;
const QUEUE = gql`query Queue($locale: Locale!, $first: Int, $after: String) {
  translationQueue(locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title locale isFallback fr: translationState(locale: FR) en: translationState(locale: EN) } }
  }
}`;

export interface RevisionData {
  id: string;
  locale: string;
  version: number;
  title: string;
  lede: string | null;
  body: { kind: string; text: string }[];
  author: string | null;
  createdAt: string;
}

export const create = (client: GraphQLClient, input: Record<string, unknown>, locale?: string) =>
  client.request<{ createArticle: ArticleData }>(CREATE, { input, locale }).then((d) => d.createArticle);
export const update = (client: GraphQLClient, id: string, v: number, input: Record<string, unknown>) =>
  client.request<{ updateArticle: ArticleData }>(UPDATE, { id, v, input }).then((d) => d.updateArticle);
export const upsert = (client: GraphQLClient, id: string, v: number, locale: string, input: Record<string, unknown>) =>
  client.request<{ upsertArticleTranslation: ArticleData }>(UPSERT, { id, v, locale, input }).then((d) => d.upsertArticleTranslation);
/** Publishes a (human) translation: readers see a saved translation only then. */
export const publishTranslation = (client: GraphQLClient, id: string, v: number, locale: string) =>
  client.request<{ publishArticleTranslation: ArticleData }>(PUBLISH_TRANSLATION, { id, v, locale }).then((d) => d.publishArticleTranslation);
export const revisions = (client: GraphQLClient, id: string, locale: string, first?: number, after?: string) =>
  client
    .request<{ articleRevisions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: RevisionData }[] } }>(
      REVISIONS,
      { id, locale, first, after },
    )
    .then((d) => d.articleRevisions);
export const queue = (client: GraphQLClient, locale: string, first = 100) =>
  client
    .request<{
      translationQueue: { totalCount: number; edges: { node: { id: string; title: string; locale: string; isFallback: boolean; fr: string; en: string } }[] };
    }>(QUEUE, { locale, first })
    .then((d) => d.translationQueue);

/** A body of `n` paragraphs. */
export const paragraphs = (n: number, text = 'Paragraphe.') =>
  Array.from({ length: n }, (_, i) => ({ kind: i % 5 === 0 ? 'HEADING' : 'TEXT', text: `${text} ${i + 1}` }));
