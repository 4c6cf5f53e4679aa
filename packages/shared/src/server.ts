import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { holdsNul, NUL_MESSAGE } from "./nul.js";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, subscribe, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { watchedGroupContext, type CreateGroupContext } from "./answer-alike.js";
import { mountBatchRoute } from "./batch-route.js";
import { DEFAULT_IDENTITY_SOCKET_MAX_AGE_MS } from "./config.js";
import { BadUserInputError } from "./errors.js";
import { IDENTITY_HEADER, SIGNATURE_HEADER, type Identity } from "./identity.js";
import { logger, REQUEST_ID_HEADER, requestContext, requestIdOf, safeError } from "./logger.js";
import { countErrors, countSubscription, metrics, operationLabel, startMetricsServer, type MetricsServerOptions } from "./metrics.js";
import { RuleViolation } from "./mutation.js";
import { notKeptPlugin } from "./response-cache.js";
import { identityVerifier, operationNameOf, operationOf, signedCallIdentity, type OperationInfo, type Verify } from "./signed-calls.js";

export interface SubgraphServerOptions<C extends BaseContext> {
  /** Subgraph name, for logs. */
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  production: boolean;
  identitySecret: string;
  identityMaxAgeMs: number;
  /**
   * The longest a graphql-ws socket from the gateway stays open after its identity was signed
   * (`closeWhenExpired`); `DEFAULT_IDENTITY_SOCKET_MAX_AGE_MS` when absent.
   */
  identitySocketMaxAgeMs?: number;
  /** Builds the per-operation context (a forked EntityManager, loaders) for a verified identity. */
  createContext: (identity: Identity, operation: OperationInfo) => C | Promise<C>;
  /**
   * The context of one run for many people's alike calls of a batch (`GroupContext`); without it, a
   * run's answer is shared only when nothing read the person (`watchedGroupContext`).
   */
  createGroupContext?: CreateGroupContext<C>;
  /** Throws when the subgraph cannot serve (e.g. its database is down). */
  checkReady?: () => Promise<void>;
  /** Prometheus metrics on a port of their own; none when absent. */
  metrics?: MetricsServerOptions;
  /** More Apollo Server plugins (e.g. the shared response cache of a caller-independent subgraph). */
  plugins?: ApolloServerPlugin<C>[];
}

type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * The largest body the subgraph takes on `/graphql`, over HTTP and as one graphql-ws message alike
 * (as the gateway bounds its own with `maxBodyBytes`): a larger message closes its socket (1009)
 * before it is read. Batches (`/graphql/batch`) carry many calls and have a limit of their own.
 */
const MAX_BODY_BYTES = 1_048_576;

export type { OperationInfo } from "./signed-calls.js";

export interface RunningServer {
  url: string;
  port: number;
  /** Where `/metrics` answers, when metrics are on. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

/** Hides internal failures from clients; rule and auth errors keep their message and code. */
export function maskError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A rule refused the input outside a mutation's userErrors (a query argument): bad input, not a fault.
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof RuleViolation) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: "BAD_USER_INPUT", rule: original.code, field: original.field },
      };
    }
    const code = formatted.extensions?.code;
    const known = typeof code === "string" && code !== "INTERNAL_SERVER_ERROR";
    if (known) {
      // A refusal is not a fault: no stack trace, whatever the environment.
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error("internal error", { error: safeError(original ?? error) });
    if (!production) return formatted;
    return { message: "内部エラーが発生しました。", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

/** A subgraph's graphql-ws runs subscriptions only: queries and mutations come over signed HTTP. */
const subscriptionOnly = () =>
  new GraphQLError("この接続では購読（subscription）だけを実行できます。", { extensions: { code: "SUBSCRIPTION_ONLY" } });

/** graphql-ws's Unauthorized: its clients (the gateway's transport) do not retry a socket closed with it. */
const IDENTITY_EXPIRED_CLOSE = 4401;

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes a socket from the gateway (4401) at `closeAt`, ending every subscription on it. Only the
 * connection_init of a socket is signed, and every subscription on the socket runs as its identity:
 * without an end, one captured connection_init would hold a socket, and subscribe on it, for ever.
 * The gateway signs into the connection_init when the socket must end (the client token's expiry,
 * when it closes the client's own socket too), and this subgraph closes it then, and at the latest
 * `identitySocketMaxAgeMs` after signing, whatever the envelope says. The gateway turns the close into
 * a retryable SUBSCRIPTION_INTERRUPTED for whoever still reads the stream. (A delay beyond the timer's
 * range closes the socket early, never late.)
 */
function closeWhenExpired(socket: WebSocket, closeAt: number): void {
  const timer = setTimeout(
    () => socket.close(IDENTITY_EXPIRED_CLOSE, "Identity expired"),
    Math.min(MAX_TIMER_MS, Math.max(0, closeAt - Date.now())),
  );
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}

/** graphql-ws on the server's `/graphql`: signed connections, subscriptions only, counted while they run. */
function serveSubscriptions<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
  wsServer: WebSocketServer,
  verify: Verify,
  active: { value: number },
) {
  const socketMaxAgeMs = options.identitySocketMaxAgeMs ?? DEFAULT_IDENTITY_SOCKET_MAX_AGE_MS;
  return useServer<Record<string, unknown>, { identity?: Identity }>(
    {
      schema: options.schema,
      // Only the gateway connects here, and it sends connection_init at once; on a busy machine that
      // can take longer than graphql-ws's 3 s default, which ended live streams for no fault. The
      // signed identity's own age limit still bounds how long a socket may wait.
      connectionInitWaitTimeout: options.identityMaxAgeMs,
      onConnect: (ctx) => {
        // The gateway sends the signed identity under the same names as the HTTP headers.
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        // Signed for this subgraph, for a socket (used once here; any other subgraph refuses it).
        const result = verify(
          { identity: params[IDENTITY_HEADER] as string | undefined, signature: params[SIGNATURE_HEADER] as string | undefined },
          { kind: "ws" },
        );
        if (!result.ok) return false;
        ctx.extra.identity = result.identity;
        closeWhenExpired(ctx.extra.socket, Math.min(result.until ?? result.signedAt, result.signedAt + socketMaxAgeMs));
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => {
        if (holdsNul(payload)) return [new BadUserInputError(NUL_MESSAGE)];
        metrics.requests.inc({ operation: operationLabel(operationNameOf(payload.operationName, payload.query)), type: "subscription" });
        return undefined;
      },
      // Counted while it runs (the gauge of active subscriptions).
      subscribe: async (args) => countSubscription(await subscribe(args), active),
      // graphql-ws executes queries and mutations with this, subscriptions with `subscribe`.
      execute: () => ({ errors: [subscriptionOnly()] }),
      context: async (ctx, _id, payload) =>
        options.createContext(ctx.extra.identity!, { name: operationNameOf(payload.operationName, payload.query) }),
    },
    wsServer,
  );
}

/** Counts each HTTP operation, its errors and its duration, by operation name and type. */
function operationMetricsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let type = "unknown";
      let operation = "anonymous";
      return {
        async didResolveOperation({ operation: node, operationName }) {
          type = node?.operation ?? "unknown";
          operation = operationLabel(operationName ?? node?.name?.value);
          const context = requestContext.getStore();
          if (context) context.operation = operation;
        },
        async didEncounterErrors({ errors }) {
          countErrors(errors.map((e) => ({ extensions: e.extensions })));
        },
        async willSendResponse() {
          metrics.requests.inc({ operation, type });
          metrics.duration.observe({ operation, type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** Apollo Server for the subgraph's HTTP side; draining it also closes the graphql-ws side. */
function createApollo<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
  httpServer: Server,
  wsCleanup: { dispose(): unknown },
): ApolloServer<C> {
  return new ApolloServer<C>({
    schema: options.schema,
    stopOnTerminationSignals: false, // the process owns its shutdown
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    formatError: maskError(options.production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No field sets a cache hint and nothing reads one: without this, every resolved field pays a hook.
      ApolloServerPluginCacheControlDisabled(),
      ...(options.plugins ?? []),
      operationMetricsPlugin<C>(),
      notKeptPlugin<C>(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
}

/** `/health` (ready when `checkReady` passes) and the signed `/graphql` over HTTP. */
function mountRoutes<C extends BaseContext>(
  app: express.Express,
  options: SubgraphServerOptions<C>,
  apollo: ApolloServer<C>,
  verify: Verify,
): void {
  app.get("/health", async (_req, res) => {
    try {
      await options.checkReady?.();
      res.json({ status: "ok", subgraph: options.name });
    } catch (error) {
      res.status(503).json({ status: "unavailable", subgraph: options.name, reason: String(error) });
    }
  });
  // Before `/graphql`, whose handlers would take its path for theirs.
  mountBatchRoute(app, {
    name: options.name,
    apollo,
    verify,
    createContext: options.createContext,
    createGroupContext: options.createGroupContext ?? watchedGroupContext(options.createContext),
  });
  app.use(
    "/graphql",
    // The raw body is kept: an HTTP signature covers its exact bytes (document, name, variables).
    express.json({ limit: MAX_BODY_BYTES, verify: (req, _res, buf) => void ((req as RawBodyRequest).rawBody = buf) }),
    // Every line logged while serving the call carries its request id (from the gateway).
    (req, res, next) => {
      // Answers carry people's data: nothing on the way keeps one (Apollo's cache-control plugin, now off, said so too).
      res.setHeader("cache-control", "no-store");
      const context = { requestId: requestIdOf(req.headers[REQUEST_ID_HEADER]) };
      const started = performance.now();
      res.setHeader(REQUEST_ID_HEADER, context.requestId);
      res.once("finish", () => {
        requestContext.run(context, () =>
          logger.info("request served", { subgraph: options.name, status: res.statusCode, ms: Math.round(performance.now() - started) }),
        );
      });
      requestContext.run(context, next);
    },
    (req, res, next) => {
      if (!holdsNul(req.body)) return next();
      res.status(400).json({ errors: [{ message: NUL_MESSAGE, extensions: { code: "BAD_USER_INPUT" } }] });
    },
    expressMiddleware(apollo, {
      // Only a JSON POST carries the body a signature is bound to: a GET (operation in the URL) never
      // passes on a signature made for an empty body.
      context: async ({ req }) =>
        options.createContext(
          signedCallIdentity(verify, req.method === "POST" ? (req as RawBodyRequest).rawBody : undefined, req.headers),
          operationOf(req.body),
        ),
    }),
  );
}

/**
 * How long an idle keep-alive connection from the gateway stays open. The gateway's HTTP agent
 * (gateway/src/identity.ts) lets an idle connection go after 5 s, and so did this server: when both gave up
 * at the same moment, the gateway sent its next request on a connection the subgraph had just
 * closed (ECONNRESET, the field lost: seen at 290 subscribers per person, where the gaps between
 * events reach 5 s). Waiting longer than the agent, the subgraph leaves the closing to the gateway.
 */
const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

function keepIdleConnectionsLonger(server: Server): void {
  server.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  // Node requires the headers of a request on a kept connection within this time: longer still.
  server.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
}

/**
 * One server per subgraph: Apollo Server on HTTP and graphql-ws on the same `/graphql` path.
 * Every operation must carry the gateway's signed identity, so a subgraph port is no back door.
 */
export async function startSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>): Promise<RunningServer> {
  const app = express();
  const httpServer: Server = createServer(app);
  keepIdleConnectionsLonger(httpServer);
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  const activeSubscriptions = { value: 0 };
  const unsample = [metrics.openSockets.add(() => wsServer.clients.size), metrics.subscriptions.add(() => activeSubscriptions.value)];

  const verify = identityVerifier(options);
  const wsCleanup = serveSubscriptions(options, wsServer, verify, activeSubscriptions);
  const apollo = createApollo(options, httpServer, wsCleanup);
  await apollo.start();
  mountRoutes(app, options, apollo, verify);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host}:${port}/graphql`;
  const metricsServer = options.metrics ? await startMetricsServer(options.metrics) : undefined;
  logger.info(`${options.name} subgraph ready`, { url });
  return {
    url,
    port,
    metricsUrl: metricsServer?.url,
    async stop() {
      for (const off of unsample) off();
      await metricsServer?.close();
      await apollo.stop();
    },
  };
}
