import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import cors from 'cors';
import { pinoHttp } from 'pino-http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSchema } from '../schema/build-schema.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { createContext, type Context, type Services } from './context.js';
import { authenticate } from '../auth/authenticate.js';
import { contextFailure, errorReporting, formatError } from './format-error.js';

export interface App {
  server: http.Server;
  apollo: ApolloServer<Context>;
}

/** Express app with /health, /ready and /graphql; not yet listening. */
export async function createApp(services: Services, ready: () => Promise<void>): Promise<App> {
  const { config, logger } = services;
  const app = express();
  const server = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: true,
    // main.ts owns shutdown: Apollo's own handler re-raises the signal and the exit code becomes 143.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [
      // Connections still open when the grace period ends are cut; main.ts then exits with 1.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: config.shutdownGraceMs }),
      errorReporting,
      config.production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
    }),
  );

  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/ready', async (req, res) => {
    try {
      await ready();
      res.json({ status: 'ready' });
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins === '*' ? '*' : config.corsOrigins, maxAge: 600 }),
    // PostgreSQL text cannot hold lone UTF-16 surrogates (JSON can): make every string well-formed
    // at the door, so such input reads as a character that matches nothing instead of failing in SQL.
    express.json({ limit: '1mb', reviver: (_key, value) => (typeof value === 'string' ? value.toWellFormed() : value) }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
        const viewer = await authenticate(services.prisma, req.headers.authorization, services.translator, locale).catch((err: unknown) => {
          throw contextFailure(err, services.translator, locale, String(req.id), req.log);
        });
        const logger = viewer ? req.log.child({ tokenId: viewer.tokenId }) : req.log;
        return createContext({ ...services, logger }, String(req.id), locale, viewer);
      },
    }),
  );
  return { server, apollo };
}
