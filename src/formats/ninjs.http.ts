import type { ApolloServer, HeaderMap } from '@apollo/server';
import express, { type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { LocaleCode } from '../config.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { createContext, type Context, type Services } from '../server/context.js';
import type { RateLimit } from '../server/rate-limit.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../server/errors.js';
import { LIMITS } from '../server/limits.js';
import type { Caching } from '../cache/response-cache.js';

// The partners' feed runs the GraphQL API's own operations, so visibility, fallback, paging,
// cursors, query limits and error messages are those of GraphQL, not a second implementation.
const ITEM = 'query NinjsItem($slug: String!, $locale: Locale) { article(slug: $slug, locale: $locale) { ninjs(locale: $locale) } }';
const FEED = `query NinjsFeed($locale: Locale, $first: Int, $after: String, $since: DateTime) {
  articles(locale: $locale, first: $first, after: $after, filter: { publishedAfter: $since }) {
    edges { node { ninjs(locale: $locale) } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const LANGS: Record<string, LocaleCode> = { fr: 'FR', en: 'EN' };
const YEARS = /^\d{4}-/;

interface Item {
  article: { ninjs: unknown } | null;
}
interface Feed {
  articles: { edges: { node: { ninjs: unknown } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
type Refusal = GraphQLFormattedError | AppError;

/**
 * GET /ninjs/articles/{slug}?lang=fr|en and GET /ninjs/articles?lang=&since=&limit=&cursor=: the
 * published articles as ninjs 3.1 items, for partners that do not speak GraphQL. Answers carry a
 * weak ETag (Express's own, so If-None-Match gets 304), Cache-Control for CDNs (max-age capped by
 * the next scheduled release) and Vary on the
 * language; errors are GraphQL's JSON errors, in the language asked.
 */
export function ninjsRoutes(services: Services, apollo: ApolloServer<Context>, rateLimit: RateLimit, cache: Pick<Caching, 'releaseCap'>): express.Router {
  const router = express.Router();
  const { config, translator } = services;

  const localeOf = (req: Request): LocaleCode => LANGS[String(req.query.lang)] ?? negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
  const badInput = (locale: LocaleCode, key: string, params: Record<string, unknown>) =>
    new AppError('BAD_USER_INPUT', translator.t(locale, `errors:${key}`, params), { argument: params.argument });

  const refuse = (res: Response, errors: readonly Refusal[]): void => {
    const formatted = errors.map((e) => (e instanceof AppError ? e.toJSON() : e));
    const http = errors[0] instanceof AppError ? (errors[0].extensions.http as { headers?: HeaderMap } | undefined) : undefined;
    for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
    res.setHeader('cache-control', 'no-store');
    const code = formatted[0]?.extensions?.code as ErrorCode | undefined;
    res
      .status((code && ERROR_CODES[code]?.status) ?? ERROR_CODES.INTERNAL_SERVER_ERROR.status)
      .json({ errors: formatted.map(({ message, extensions }) => ({ message, extensions: { ...extensions, http: undefined } })) });
  };

  /** Checks, counts and runs one operation; null when it answered with errors itself. */
  const run = async <T>(req: Request, res: Response, query: string, variables: Record<string, unknown>, refusals: Refusal[]): Promise<T | null> => {
    res.vary('Accept-Language');
    const locale = localeOf(req);
    // A refused request counts too: bad input is no way around the budget.
    try {
      await rateLimit.consume({ viewer: null, ip: req.ip }, locale, res);
    } catch (err) {
      refuse(res, [err as AppError]);
      return null;
    }
    if (refusals.length) {
      refuse(res, refusals);
      return null;
    }
    const contextValue = createContext({ ...services, logger: req.log }, String(req.id), locale, null);
    const response = await apollo.executeOperation<T>({ query, variables: { ...variables, locale } }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('ninjs operations never defer');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      refuse(res, errors ?? []);
      return null;
    }
    // Never past the next scheduled release: CDNs would keep serving a feed without it.
    const cap = await cache.releaseCap(contextValue);
    res.setHeader('cache-control', `public, max-age=${cap === null ? config.responseCacheTtl : Math.min(cap, config.responseCacheTtl)}`);
    return data;
  };

  const langRefusals = (req: Request): Refusal[] =>
    req.query.lang === undefined || LANGS[String(req.query.lang)]
      ? []
      : [badInput(localeOf(req), 'ninjsLang', { argument: 'lang', value: String(req.query.lang) })];

  router.get('/articles/:slug', async (req, res) => {
    const data = await run<Item>(req, res, ITEM, { slug: req.params.slug }, langRefusals(req));
    if (!data) return;
    if (data.article) return void res.json(data.article.ninjs);
    const locale = localeOf(req);
    refuse(res, [new AppError('NOT_FOUND', translator.t(locale, 'errors:ninjsArticle', { slug: req.params.slug }), { argument: 'slug' })]);
  });

  router.get('/articles', async (req, res) => {
    const locale = localeOf(req);
    const refusals = langRefusals(req);
    const limit = req.query.limit === undefined ? LIMITS.PAGE_SIZE_DEFAULT : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.PAGE_SIZE_MAX) {
      refusals.push(badInput(locale, 'first', { argument: 'limit', min: 1, max: LIMITS.PAGE_SIZE_MAX, value: String(req.query.limit) }));
    }
    const since = req.query.since === undefined ? null : String(req.query.since);
    if (since !== null && (!YEARS.test(since) || Number.isNaN(Date.parse(since))))
      refusals.push(badInput(locale, 'ninjsSince', { argument: 'since', value: since }));
    const after = req.query.cursor === undefined ? null : String(req.query.cursor);
    const data = await run<Feed>(req, res, FEED, { first: limit, after, since }, refusals);
    if (!data) return;
    const { edges, pageInfo } = data.articles;
    const next = pageInfo.hasNextPage && pageInfo.endCursor ? `${req.baseUrl}/articles?${withCursor(req, pageInfo.endCursor)}` : null;
    if (next) res.setHeader('link', `<${next}>; rel="next"`);
    res.json({ items: edges.map((e) => e.node.ninjs), next });
  });
  return router;
}

const withCursor = (req: Request, cursor: string) => {
  const params = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'));
  params.set('cursor', cursor);
  return params.toString();
};
