import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, parse, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import proxyAddr from 'proxy-addr';
import type { ApolloServerPlugin } from '@apollo/server';
import type { LocaleCode } from '../config.js';
import { authenticate } from '../auth/authenticate.js';
import type { Viewer } from '../auth/token.service.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import type { Logger } from '../logger.js';
import { createContext, type Context, type Services } from '../server/context.js';
import { formatError } from '../server/format-error.js';
import { operationLimits, sourceRefusal } from '../server/query-limits.js';
import { AppError } from '../server/errors.js';

/** What a connection learnt from its `connection_init`. */
interface Connection {
  id: string;
  viewer: Viewer | null;
  locale: LocaleCode;
  logger: Logger;
}
type Extra = {
  socket: { close(code: number, reason: string): void };
  request: http.IncomingMessage;
  connection?: Connection;
};

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** A WebSocket close reason holds 123 bytes at most. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = `${[...reason].slice(0, -2).join('')}…`;
  return reason;
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol, which Apollo Sandbox, Apollo
 * Client, Apollo iOS and Kotlin speak) on the HTTP server's port and `/graphql` path. Tokens come
 * in `connection_init`; every subscription runs with a context built as an HTTP request's would
 * be, passes the same query limits, and is counted against the connection's and the IP's limits.
 * Returns the Apollo plugin that closes every socket (1001, going away) when the server drains.
 */
export function liveUpdates(
  server: http.Server,
  schema: GraphQLSchema,
  services: Services,
  trustProxy: (addr: string, i: number) => boolean,
): ApolloServerPlugin<Context> {
  const { config, translator } = services;
  const checkLimits = operationLimits(config);
  const connectionsByIp = new Map<string, number>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let draining = false;

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const locale = negotiateLocale(req.headers['accept-language']) ?? config.defaultLocale;
    const refuse = (status: string, body: object) => {
      const json = JSON.stringify(body);
      socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
    };
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql')
      return refuse('404 Not Found', { errors: [{ message: translator.t(locale, 'errors:NOT_FOUND'), extensions: { code: 'NOT_FOUND' } }] });
    if (draining)
      return refuse('503 Service Unavailable', {
        errors: [{ message: translator.t(locale, 'errors:SERVICE_UNAVAILABLE', { requestId: '-' }), extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
    const ip = proxyAddr(req, trustProxy);
    const open = connectionsByIp.get(ip) ?? 0;
    const max = config.live.connectionsPerIp;
    if (open >= max) {
      return refuse('429 Too Many Requests', {
        errors: [{ message: translator.t(locale, 'errors:live.tooManyConnections', { max }), extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max } }],
      });
    }
    connectionsByIp.set(ip, open + 1);
    socket.once('close', () => {
      const left = (connectionsByIp.get(ip) ?? 1) - 1;
      if (left > 0) connectionsByIp.set(ip, left);
      else connectionsByIp.delete(ip);
    });
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  /** As Apollo formats errors over HTTP (no internals, messages localized), without its HTTP status hint. */
  const format = (connection: Connection, requestId: string, error: GraphQLError): GraphQLFormattedError => {
    const { http: _http, ...extensions } = error.toJSON().extensions ?? {};
    const formatted = formatError({ ...error.toJSON(), extensions }, error);
    const code = String(formatted.extensions?.code);
    // Over WebSocket the token travels in connection_init, not in a header: say so.
    if (code === 'UNAUTHENTICATED') return { ...formatted, message: translator.t(connection.locale, 'errors:live.unauthenticated') };
    if (formatted.message !== code) return formatted;
    connection.logger.error({ err: error.originalError ?? error, requestId }, 'live updates: unexpected error');
    return { ...formatted, message: translator.t(connection.locale, `errors:${code}`, { requestId }) };
  };

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const { request, socket } = ctx.extra;
        const locale = negotiateLocale(text(params['accept-language']) ?? request.headers['accept-language']) ?? config.defaultLocale;
        const header = text(params.authorization) ?? text(params.Authorization) ?? request.headers.authorization;
        const id = randomUUID();
        try {
          const viewer = await authenticate(services.prisma, header, translator, locale);
          const logger = services.logger.child({ connectionId: id, ...(viewer && { tokenId: viewer.tokenId }) });
          ctx.extra.connection = { id, viewer, locale, logger };
          return true;
        } catch (err) {
          if (!(err instanceof GraphQLError) || err.extensions.code !== 'UNAUTHENTICATED') throw err;
          socket.close(CloseCode.Forbidden, closeReason(translator.t(locale, 'errors:live.tokenInvalid')));
          return false;
        }
      },
      onSubscribe(ctx, subscriptionId, payload) {
        const connection = ctx.extra.connection!;
        const { locale } = connection;
        const requestId = `${connection.id}/${subscriptionId}`;
        // Readers read the primary too: a replica may not have the commit an event announces yet.
        const context = createContext({ ...services, reader: undefined, logger: connection.logger }, requestId, locale, connection.viewer);
        const refusal = (error: GraphQLError) => [error];
        // graphql-ws counts the subscription being started.
        const max = config.live.subscriptionsPerConnection;
        if (Object.keys(ctx.subscriptions).length > max) {
          return refusal(new AppError('TOO_MANY_SUBSCRIPTIONS', translator.t(locale, 'errors:live.tooManySubscriptions', { max }), { max }));
        }
        const tooLong = sourceRefusal(payload.query, config, translator, locale);
        if (tooLong) return refusal(tooLong);
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (err) {
          return refusal(err as GraphQLError);
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return [...invalid];
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') return refusal(new AppError('BAD_REQUEST', translator.t(locale, 'errors:live.onlySubscriptions')));
        try {
          const queryHash = createHash('sha256').update(payload.query).digest('hex');
          checkLimits({ schema, document, operation, variables: payload.variables ?? undefined, queryHash, context });
        } catch (err) {
          return refusal(err as GraphQLError);
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
      },
      onNext(ctx, subscriptionId, _payload, _args, result) {
        if (!result.errors) return;
        const connection = ctx.extra.connection!;
        return { ...result, errors: result.errors.map((e) => format(connection, `${connection.id}/${subscriptionId}`, e as GraphQLError)) };
      },
      onError(ctx, subscriptionId, _payload, errors) {
        const connection = ctx.extra.connection!;
        return errors.map((e) => format(connection, `${connection.id}/${subscriptionId}`, e as GraphQLError));
      },
    },
    wss,
  );

  return {
    async serverWillStart() {
      return {
        // Apollo's drain: no new sockets, open ones closed with 1001 (going away), so clients reconnect elsewhere.
        async drainServer() {
          draining = true;
          await cleanup.dispose();
        },
      };
    },
  };
}
