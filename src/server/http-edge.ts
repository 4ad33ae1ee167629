import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { GraphQLError } from 'graphql';
import Negotiator from 'negotiator';
import onHeaders from 'on-headers';
import type { Config, LocaleCode } from '../config.js';
import type { Translator } from '../i18n/i18n.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { ERROR_CODES, type ErrorCode } from './errors.js';

/** The request's language before any GraphQL runs: Accept-Language, else the server default. */
export const requestLocale = (req: Request, config: Pick<Config, 'defaultLocale'>): LocaleCode =>
  negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;

/**
 * Response headers a page on another origin may read (CORS hides all but a few by default): the
 * request id to quote in a report, the rate-limit budget and when to retry, where the answer came from.
 */
/** Aborted when the client closes the connection before its answer is sent (it will never read it). */
export function closedBeforeAnswer(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-cache'];

/** A refusal as a GraphQL response body, as every error answer of this server is shaped. */
export function sendErrors(res: Response, status: number, errors: { message: string; extensions: Record<string, unknown> }[]): void {
  res.status(status).json({ errors });
}

/**
 * A GraphQLError thrown before Apollo runs (token, rate limit), answered as Apollo would: the
 * status and headers of its `extensions.http`, which the client does not see.
 */
export function sendGraphQLError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  sendErrors(res, http?.status ?? ERROR_CODES.INTERNAL_SERVER_ERROR.status, [{ message: error.message, extensions }]);
}

const localizedError = (translator: Translator, locale: LocaleCode, code: ErrorCode, key: string = code) => ({
  message: translator.t(locale, `errors:${key}`),
  extensions: { code },
});

/**
 * Error answers are about one request at one moment: no cache (browser, CDN, proxy) may keep a
 * 401, a 429 or a refused body and serve it again. GraphQL errors inside a 200 are marked by the
 * cache plugins (src/cache/response-cache.ts), which see the body.
 */
export const noStoreOnErrors: RequestHandler = (_req, res, next) => {
  onHeaders(res, () => {
    if (res.statusCode >= 400) res.setHeader('cache-control', 'no-store');
  });
  next();
};

/** `GET /`: what this is and where the API is, for whoever opens the address in a browser or with curl. */
export const root: RequestHandler = (_req, res) => {
  res.json({
    name: 'Dépêche',
    description: 'Bilingual French/English GraphQL API for a news-dispatch archive: articles, quotes and named entities.',
    graphql: '/graphql',
    health: '/health',
    ready: '/ready',
    docs: 'README.md and docs/clients.md of the project',
  });
};

/** Any other path: a JSON 404 in the caller's language, never Express's HTML page. */
export function notFound(config: Pick<Config, 'defaultLocale'>, translator: Translator): RequestHandler {
  return (req, res) => sendErrors(res, ERROR_CODES.NOT_FOUND.status, [localizedError(translator, requestLocale(req, config), 'NOT_FOUND', 'pathNotFound')]);
}

/**
 * Last resort: an error nothing else answered becomes INTERNAL_SERVER_ERROR as JSON (logged
 * with the request id), never Express's HTML page with its stack trace.
 */
export function lastResort(config: Pick<Config, 'defaultLocale'>, translator: Translator): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    req.log.error({ err }, 'unexpected error');
    const message = translator.t(requestLocale(req, config), 'errors:INTERNAL_SERVER_ERROR', { requestId: String(req.id) });
    sendErrors(res, ERROR_CODES.INTERNAL_SERVER_ERROR.status, [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  };
}

/** What GraphQL itself says about a document that is not one it can run: its parse, validation and variable errors. */
const DOCUMENT_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL over HTTP: to a client that accepts only the legacy `application/json`, a well-formed
 * request whose document does not parse, validate or take its variables is answered 200 with the
 * errors (it cannot tell a 400 from a proxy's); `application/graphql-response+json` keeps 400.
 * Apollo answers 400 whatever the Accept header; the media type is chosen as Apollo chooses it.
 */
export const jsonClientsGet200: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    return {
      async willSendResponse({ response }) {
        if (response.http.status !== 400 || response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.length === 0 || !errors.every((e) => DOCUMENT_ERRORS.has(String(e.extensions?.code)))) return;
        const accept = request.http?.headers.get('accept');
        if (!accept || !/application\/json/i.test(accept)) return;
        const chosen = new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']);
        if (chosen === 'application/json') response.http.status = 200;
      },
    };
  },
};
