import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import cors from 'cors';
import { pinoHttp } from 'pino-http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema } from '../schema/build-schema.js';
import { compiledExecution } from './compiled-execution.js';
import { trustedDocuments } from './trusted-documents.js';
import { createContext, type Context, type Services } from './context.js';
import { errorReporting, formatError } from './format-error.js';
import { createRateLimit } from './rate-limit.js';
import { caching, varyByLanguage } from '../cache/response-cache.js';
import { answerCache } from '../cache/answer-cache.js';
import { bodyErrors, queryLimitsPlugin, sourceLimits } from './query-limits.js';
import { closedBeforeAnswer, EXPOSED_HEADERS, jsonClientsGet200, lastResort, noStoreOnErrors, notFound, requestLocale, root } from './http-edge.js';
import { admission, viewerOf } from './admission.js';
import { inRequestLocale, localizeApolloMessage } from './apollo-messages.js';
import { persistedQueryCheck } from '../cache/persisted-query-check.js';
import { storableArguments } from '../common/storable-values.js';
import { ninjsRoutes } from '../formats/ninjs.http.js';
import { liveUpdates } from '../live/ws-server.js';

export interface App {
  server: http.Server;
  apollo: ApolloServer<Context>;
}

/** Express app with /, /health, /ready and /graphql, JSON for anything else; not yet listening. */
export async function createApp(services: Services, ready: () => Promise<void>): Promise<App> {
  const { config, logger } = services;
  const app = express();
  const server = http.createServer(app);
  // Longer than clients' and load balancers' idle timeouts (undici 4 s, most balancers 60 s): the
  // server must not close a kept-alive connection just as a client sends on it (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const cache = caching(services);
  const schema = buildSchema();
  const trusted = config.trustedDocuments ? trustedDocuments(config.trustedDocuments, schema, config) : null;
  // Subscriptions over WebSocket on the same port and path; client IPs as Express reads them (`trust proxy`).
  const live = liveUpdates(server, schema, services, (addr, i) => (app.get('trust proxy fn') as (addr: string, i: number) => boolean)(addr, i));
  const apollo = new ApolloServer<Context>({
    ...(config.compiledExecution ? { gateway: compiledExecution(schema) } : { schema }),
    // 'editors': on here, and queryLimitsPlugin asks anonymous and reader requests for an editor token.
    introspection: config.introspection !== 'off',
    // No "Did you mean …?" naming fields and types to strangers in production.
    hideSchemaDetailsFromClientErrors: config.production,
    // One operation per HTTP request: a JSON array body is refused (Apollo's default, stated).
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown: Apollo's own handler re-raises the signal and the exit code becomes 143.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => localizeApolloMessage(formatError(formatted, error), services.translator, config.defaultLocale),
    persistedQueries: trusted ? { ...cache.persistedQueries, cache: trusted.persistedQueries(cache.persistedQueries.cache) } : cache.persistedQueries,
    // Unset: Apollo's own store of parsed and validated documents.
    documentStore: trusted?.documentStore,
    plugins: [
      ...cache.plugins,
      // Connections still open when the grace period ends are cut; main.ts then exits with 1.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: config.shutdownGraceMs }),
      live,
      // Without the response cache no one reads cache hints: the default cache-control plugin
      // would only wrap every resolver for nothing.
      ...(config.responseCache ? [] : [ApolloServerPluginCacheControlDisabled()]),
      errorReporting,
      jsonClientsGet200,
      // Before the limits: a document outside the list is refused as such, whatever it measures.
      ...(trusted ? [trusted.plugin] : []),
      queryLimitsPlugin(config),
      storableArguments(),
      {
        sandbox: ApolloServerPluginLandingPageLocalDefault({ footer: false }),
        production: ApolloServerPluginLandingPageProductionDefault({ footer: false }),
        off: ApolloServerPluginLandingPageDisabled(),
      }[config.landingPage],
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  // Which X-Forwarded-For hops to believe for req.ip (the rate-limit key of anonymous clients).
  app.set('trust proxy', config.trustProxy);
  const rateLimit = createRateLimit(config, services.redis, services.translator, logger);
  // Express's default error page shows the stack trace unless its env is production.
  if (config.production) app.set('env', 'production');
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
  app.use(noStoreOnErrors);

  app.get('/', root);
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

  app.use('/ninjs', cors({ origin: config.corsOrigins === '*' ? '*' : config.corsOrigins, maxAge: 600 }), ninjsRoutes(services, apollo, rateLimit, cache));
  // Exactly /graphql: below it is the 404 of any unknown path, not a CSRF refusal.
  app.all(
    '/graphql',
    cors({ origin: config.corsOrigins === '*' ? '*' : config.corsOrigins, maxAge: 600, exposedHeaders: EXPOSED_HEADERS }),
    varyByLanguage,
    admission(services, rateLimit),
    // PostgreSQL text cannot hold lone UTF-16 surrogates (JSON can): make every string well-formed
    // at the door, so such input reads as a character that matches nothing instead of failing in SQL.
    express.json({ limit: '1mb', reviver: (_key, value) => (typeof value === 'string' ? value.toWellFormed() : value) }),
    ...(trusted ? [trusted.documentIds] : []),
    sourceLimits(config, services.translator),
    persistedQueryCheck(config, services.translator),
    ...(cache.generation ? [answerCache(config, cache.generation)] : []),
    inRequestLocale(config),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = viewerOf(res);
        const logger = viewer ? req.log.child({ tokenId: viewer.tokenId }) : req.log;
        return createContext({ ...services, logger }, String(req.id), requestLocale(req, config), viewer, closedBeforeAnswer(res));
      },
    }),
    bodyErrors(config, services.translator),
  );
  app.use(notFound(config, services.translator));
  app.use(lastResort(config, services.translator));
  return { server, apollo };
}
