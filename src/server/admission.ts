import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { authenticate } from '../auth/authenticate.js';
import type { Viewer } from '../auth/token.service.js';
import { contextFailure } from './format-error.js';
import type { Services } from './context.js';
import { requestLocale, sendGraphQLError } from './http-edge.js';
import type { RateLimit } from './rate-limit.js';

/** The viewer admission found for this request (null: anonymous), for the GraphQL context. */
export const viewerOf = (res: Response): Viewer | null => (res.locals.viewer as Viewer | null | undefined) ?? null;

/**
 * First thing on /graphql, before the body is read: who is calling (the token) and whether they
 * still have budget. Every request counts, also the ones refused afterwards for their size, JSON,
 * query limits or CSRF, and a refused token counts against the caller's IP: guessing tokens or
 * sending junk costs budget like any request.
 */
export function admission(services: Pick<Services, 'config' | 'prisma' | 'translator'>, rateLimit: RateLimit): RequestHandler {
  const { config, prisma, translator } = services;
  return async (req, res, next) => {
    const locale = requestLocale(req, config);
    try {
      const viewer = await authenticate(prisma, req.headers.authorization, translator, locale).catch(async (err: unknown) => {
        await rateLimit.consume({ viewer: null, ip: req.ip }, locale, res);
        throw contextFailure(err, translator, locale, String(req.id), req.log);
      });
      await rateLimit.consume({ viewer, ip: req.ip }, locale, res);
      res.locals.viewer = viewer;
    } catch (err) {
      if (err instanceof GraphQLError) return sendGraphQLError(res, err);
      return next(err);
    }
    next();
  };
}
