import {
  createGatewayRuntime,
  getGraphQLWSOptions,
  type GatewayPlugin,
  type GatewayRuntime,
} from "@graphql-hive/gateway-runtime";
import httpTransport from "@graphql-mesh/transport-http";
import wsTransport from "@graphql-mesh/transport-ws";
import { normalizeNodeRequest } from "@whatwg-node/server";
import { GraphQLError, type ExecutionArgs } from "graphql";
import { useServer, type Extra } from "graphql-ws/use/ws";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import {
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  UnauthenticatedError,
  countSubscription,
  logger,
  metrics,
  repoRoot,
  requestContext,
  requestIdOf,
  signIdentity,
  startMetricsServer,
  type Identity,
  type MetricsServerOptions,
} from "@marugoto/shared/core";
import { metricsPlugin, runtimeLogger } from "./observability.js";
import { createRequestLimiter, type RequestLimiter } from "./rate-limit-store.js";
import { bearer, expiryDelay, type TokenVerifier } from "./auth.js";
import { authenticateFirst, clientAddress, verifiedEarly } from "./authenticate-first.js";
import { GRAPHIQL_ASSETS, renderGraphiQL, serveGraphiQLAsset } from "./graphiql.js";
import { markRefused, refusing, SocketLimits, TOO_MANY_SOCKETS_CLOSE } from "./socket-limits.js";
import { readLimitedBody, withBody } from "./body-limit.js";
import { documentKey, limitPlugins, RateLimiter, securityHeaders, type SecuritySettings } from "./security.js";
import { codeInterruptions } from "./interruptions.js";
import { personalFields, reachesPersonalData, sharingScope } from "./sharing-scope.js";
import { SubscriptionGroups, type GroupStats, type SubscriptionRequest } from "./subscription-groups.js";
import { fileRoute } from "./files/route.js";
import { FILES_PATH_PREFIX } from "./files/paths.js";
import { isInternal } from "./files/internal.js";
import { calendarRoute, CALENDARS_PATH_PREFIX } from "./files/calendar-route.js";

export interface GatewayOptions {
  /** The composed supergraph SDL. */
  supergraph: string;
  /** Where each subgraph really is, by subgraph name; overrides the URLs composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  verifier: TokenVerifier;
  identitySecret: string;
  production: boolean;
  host: string;
  port: number;
  /** Merge identical subscriptions per scope (default). Off only to measure the difference. */
  mergeSubscriptions?: boolean;
  /** Limits, rate limits, CORS, trusted documents; defaults from `defaultSecurity`. */
  security?: Partial<SecuritySettings>;
  /** Development only: the built meeting board, served under /board/. */
  webRoot?: string;
  /** Development only: mints a token for the board's sign-in (`GET /dev/token?org=&role=`). */
  devToken?: (org: string, role: string) => Promise<string>;
  /** Prometheus metrics on a port of their own; none when absent. */
  metrics?: MetricsServerOptions;
  /** Count the per-identity rate limit in this PostgreSQL database, shared by every gateway replica; in memory when absent. */
  rateLimitStore?: { databaseUrl: string };
}

/** The defaults of every defence (README: Security). */
export function defaultSecurity(production: boolean): SecuritySettings {
  return {
    production,
    maxDepth: 12,
    maxAliases: 15,
    maxTokens: 2_000,
    maxDirectives: 20,
    maxCost: 250_000,
    // The liaison's query of 500 shared cases with their action items and meetings (estimated at 20 per
    // unsized list) stays well within; the nested-list attack estimates 5 × 10^10.
    maxListCost: 200_000,
    listSizeEstimate: 20,
    maxBodyBytes: 1_048_576,
    rateLimitPerMinute: 600,
    authFailuresPerMinute: 60,
    socketLimits: { operationsPerSocket: 50, operationsPerIdentity: 200, socketsPerIdentity: 10 },
    corsOrigins: [],
    requestDeadlineMs: 30_000,
  };
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  port: number;
  runtime: GatewayRuntime<GatewayIdentityContext>;
  /** Where `/metrics` answers, when metrics are on. */
  metricsUrl?: string;
  /** Merged subscriptions: upstream groups and the clients they serve. */
  subscriptionStats(): GroupStats;
  close(): Promise<void>;
}

/** What the gateway adds to each operation's context once the client's token is verified. */
export interface GatewayIdentityContext {
  identity?: Identity;
  /** Signed identity for graphql-ws connectionParams upstream (interpolated by the ws transport). */
  signedIdentity?: string;
  signedSignature?: string;
}

/** A subscription request as clients send it: a document, or (production) a registered document's id. */
type PersistedRequest = Omit<SubscriptionRequest, "query"> & {
  query?: string;
  documentId?: string;
  extensions?: { persistedQuery?: { sha256Hash?: string } };
};

/** The committed supergraph. */
export const DEFAULT_SUPERGRAPH_PATH = path.join(repoRoot, "schema", "supergraph.graphql");

export function loadSupergraph(file = DEFAULT_SUPERGRAPH_PATH): Promise<string> {
  return readFile(file, "utf8");
}

const TERMINATE_EVENTS = ["SIGINT", "SIGTERM", "exit"] as const;

/**
 * The runtime registers its own SIGINT/SIGTERM/exit listeners that dispose it but leave the HTTP
 * server listening: remove what it adds, and own the shutdown ourselves.
 */
function withoutNewProcessListeners<T>(fn: () => T): T {
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(TERMINATE_EVENTS.map((e) => [e, new Set(listeners(e))]));
  try {
    return fn();
  } finally {
    for (const [event, had] of before) {
      for (const listener of listeners(event)) {
        if (!had.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}

function authorizationOf(context: { connectionParams?: unknown; request?: Request }): string | undefined {
  const params = context.connectionParams as Record<string, unknown> | undefined;
  const fromParams = params?.authorization ?? params?.Authorization;
  if (typeof fromParams === "string") return fromParams;
  return context.request?.headers.get("authorization") ?? undefined;
}

function unauthenticated(message: string): UnauthenticatedError {
  const error = new UnauthenticatedError(message);
  error.extensions.http = { status: 401 };
  return error;
}

function documentMismatch(): GraphQLError {
  return new GraphQLError("操作の識別子と内容が一致しません。", { extensions: { code: "PERSISTED_DOCUMENT_MISMATCH" } });
}

function rateLimited(seconds: number): GraphQLError {
  return new GraphQLError(`リクエストが多すぎます。${seconds}秒後に再試行してください。`, {
    extensions: { code: "RATE_LIMITED", retryAfterSeconds: seconds, http: { status: 429, headers: { "Retry-After": String(seconds) } } },
  });
}

/** Verifies the client's token for every operation (HTTP and graphql-ws), rate-limits it, keeps the identity. */
function identityPlugin(options: GatewayOptions, limiter: RequestLimiter): GatewayPlugin<GatewayIdentityContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const result = verifiedEarly(context.request) ?? (await options.verifier.verify(bearer(authorizationOf(context))));
      if (!result.ok) throw unauthenticated(result.message);
      const wait = await limiter.take(result.identity.sub);
      if (wait) throw rateLimited(wait);
      const signed = signIdentity(result.identity, options.identitySecret, { kind: "ws" });
      extendContext({ identity: result.identity, signedIdentity: signed.identity, signedSignature: signed.signature });
    },
    // Signed at fetch time, not at context time: a subscription's later entity fetches stay fresh;
    // and for the exact body sent (document, name, variables), so the headers fit no other call.
    onFetch({ context, options: init, setOptions }) {
      const identity = (context as GatewayIdentityContext).identity;
      if (!identity) return;
      const signed = signIdentity(identity, options.identitySecret, { kind: "http", body: upstreamBody(init.body) });
      const headers = new Headers(init.headers as HeadersInit | undefined);
      headers.set(IDENTITY_HEADER, signed.identity);
      headers.set(SIGNATURE_HEADER, signed.signature);
      // One request id from the client's call to every subgraph call it makes (logged on both sides).
      const requestId = (context as { request?: Request }).request?.headers.get(REQUEST_ID_HEADER) ?? requestContext.getStore()?.requestId;
      if (requestId) headers.set(REQUEST_ID_HEADER, requestIdOf(requestId));
      setOptions({ ...init, headers: Object.fromEntries(headers), signal: withRequestSignal(init.signal, (context as { request?: Request }).request) });
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Files of the built board; unknown paths get index.html (a single-page app). Never outside `root`. */
async function serveStatic(root: string, relative: string, res: http.ServerResponse): Promise<void> {
  const base = path.resolve(root);
  let file = path.resolve(base, relative || "index.html");
  if (!file.startsWith(base + path.sep) && file !== base) file = path.join(base, "index.html");
  const body = await readFile(file).catch(() => readFile(path.join(base, "index.html")).catch(() => undefined));
  if (!body) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("会議ボードがビルドされていません（npm run build:web）。");
    return;
  }
  const type = CONTENT_TYPES[path.extname(file)] ?? "text/html; charset=utf-8";
  res.writeHead(200, { "content-type": type }).end(body);
}

/**
 * The client request's signal (aborted at the request deadline, or when the client goes away) joins
 * every upstream call's own: a call the gateway no longer waits for is cancelled, not left running.
 */
function withRequestSignal(own: AbortSignal | null | undefined, request: Request | undefined): AbortSignal | undefined {
  const signals = [own, request?.signal].filter((s): s is AbortSignal => !!s);
  return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

/**
 * The bytes of an upstream request body (a JSON string from the HTTP transport). Anything else is
 * signed as empty, and the subgraph refuses it: never a signature that fits more than one body.
 */
function upstreamBody(body: unknown): string | Uint8Array {
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  return "";
}

async function subgraphsReady(urls: Record<string, string>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(2000) });
        return [name, res.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The gateway: the Hive runtime inside our own HTTP server, graphql-ws on the same path. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const security: SecuritySettings = { ...defaultSecurity(options.production), ...options.security, production: options.production };
  if (options.production && !security.trustedDocuments) throw new Error("production requires a trusted-documents manifest (TRUSTED_DOCUMENTS_PATH)");
  const limiter = createRequestLimiter(security.rateLimitPerMinute, options.rateLimitStore);
  const authFailures = new RateLimiter(security.authFailuresPerMinute);
  const headers = securityHeaders(options.production);
  const trusted = security.trustedDocuments;
  const runtime = withoutNewProcessListeners(() =>
    createGatewayRuntime<GatewayIdentityContext>({
      supergraph: options.supergraph,
      graphqlEndpoint: "/graphql",
      graphiql: options.production ? false : { title: "まるごとグラフ GraphiQL" },
      renderGraphiQL, // every asset from /graphiql-assets/ (no CDN), with a token field
      landingPage: false,
      // The runtime logs through our pino logger, at warn unless LOG_LEVEL asks for less (info would log every request).
      logging: runtimeLogger(),
      transports: { http: httpTransport, ws: wsTransport },
      transportEntries: {
        ...Object.fromEntries(Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }])),
        "*.http": {
          options: {
            // Never share one upstream answer between callers: the executor's de-duplication keys
            // in-flight queries on URL and body, before the caller's signed identity is added.
            deduplicateInflightRequests: false,
            subscriptions: {
              kind: "ws",
              options: {
                connectionParams: {
                  [IDENTITY_HEADER]: "{context.signedIdentity}",
                  [SIGNATURE_HEADER]: "{context.signedSignature}",
                },
              },
            },
          },
        },
      },
      plugins: () => [metricsPlugin(), authenticateFirst(options.verifier, authFailures), identityPlugin(options, limiter), ...limitPlugins(security)],
      disableIntrospection: options.production ? { disableIf: () => true } : undefined,
      cors: security.corsOrigins.length ? { origin: security.corsOrigins, credentials: true, methods: ["GET", "POST"] } : false,
      requestDeadline: security.requestDeadlineMs,
      ...(trusted
        ? {
            persistedDocuments: {
              getPersistedOperation: (key: string) => trusted.get(documentKey(key)) ?? null,
              // Only the gateway's own file documents (files/) run unregistered.
              allowArbitraryOperations: (request: Request) => isInternal(request),
              customErrors: {
                notFound: { message: "登録されていない操作です。", extensions: { code: "PERSISTED_DOCUMENT_NOT_FOUND", http: { status: 400 } } },
                persistedQueryOnly: { message: "登録済みの操作だけを実行できます。", extensions: { code: "PERSISTED_DOCUMENT_REQUIRED", http: { status: 400 } } },
                keyNotFound: { message: "操作の識別子がありません。", extensions: { code: "PERSISTED_DOCUMENT_KEY_MISSING", http: { status: 400 } } },
              },
            },
          }
        : {}),
    }),
  );

  const serveFile = fileRoute(runtime as never, options.identitySecret, authFailures);
  const serveCalendar = calendarRoute(runtime as never, authFailures);
  // Every line logged while serving a request carries its id; the id goes back to the client and on to the subgraphs.
  const server = http.createServer((req, res) => {
    const context = { requestId: requestIdOf(req.headers[REQUEST_ID_HEADER]) };
    req.headers[REQUEST_ID_HEADER] = context.requestId;
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    const started = performance.now();
    res.once("finish", () => {
      const pathname = (req.url ?? "/").split("?")[0];
      if (pathname === "/graphql") requestContext.run(context, () => logger.info("request served", { server: "gateway", method: req.method, status: res.statusCode, ms: Math.round(performance.now() - started) }));
    });
    requestContext.run(context, () => void handle(req, res));
  });
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const pathname = (req.url ?? "/").split("?")[0];
    // Every body is counted as it arrives (content-length or chunked), before authentication.
    const body = await readLimitedBody(req, res, security.maxBodyBytes);
    if (!body) return;
    if (req.method === "GET" && pathname === "/healthcheck") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (!options.production && options.devToken && req.method === "GET" && pathname === "/dev/token") {
      const query = new URL(req.url ?? "/", "http://localhost").searchParams;
      const org = query.get("org") ?? "";
      const role = query.get("role") ?? "staff";
      if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(org) || !["staff", "chair", "secretary", "auditor", "analyst"].includes(role)) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "org と role を指定してください。" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ token: await options.devToken(org, role) }));
      return;
    }
    if (!options.production && options.webRoot && req.method === "GET" && (pathname === "/board" || pathname?.startsWith("/board/"))) {
      await serveStatic(options.webRoot, pathname.replace(/^\/board\/?/, ""), res);
      return;
    }
    if (!options.production && req.method === "GET" && pathname?.startsWith(GRAPHIQL_ASSETS) && (await serveGraphiQLAsset(pathname, res))) return;
    if (req.method === "GET" && pathname?.startsWith(FILES_PATH_PREFIX)) {
      await serveFile(pathname, res, clientAddress(req));
      return;
    }
    if (req.method === "GET" && pathname?.startsWith(CALENDARS_PATH_PREFIX)) {
      await serveCalendar(pathname, res, clientAddress(req));
      return;
    }
    if (req.method === "GET" && pathname === "/readiness") {
      const subgraphs = await subgraphsReady(options.subgraphUrls);
      const ready = Object.values(subgraphs).every(Boolean);
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ready ? "ready" : "unavailable", subgraphs }));
      return;
    }
    runtime(withBody(req, body), res);
  };

  const wsServer = new WebSocketServer({ server, path: "/graphql", maxPayload: security.maxBodyBytes });
  const wsOptions = getGraphQLWSOptions<GatewayIdentityContext, Extra>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: normalizeNodeRequest(ctx.extra.request, runtime.fetchAPI),
  }));
  const groups = new SubscriptionGroups();
  const schema = await runtime.getSchema();
  const personal = personalFields(options.supergraph);
  const socketLimits = new SocketLimits(security.socketLimits);
  const activeSubscriptions = { value: 0 };
  const unsample = [
    metrics.openSockets.add(() => wsServer.clients.size),
    metrics.subscriptions.add(() => activeSubscriptions.value),
    metrics.subscriptionGroups.add(() => groups.stats().groups),
    metrics.subscriptionGroupClients.add(() => groups.stats().members),
  ];
  // Identical subscriptions of one authorisation scope share one upstream subscription.
  const runtimeSubscribe = wsOptions.subscribe!;
  // A subgraph that goes away ends its streams with a coded, retryable error.
  const upstream: typeof runtimeSubscribe = async (args) => codeInterruptions((await runtimeSubscribe(args)) as never) as never;
  const run: typeof wsOptions.subscribe = async (args) => {
    const context = args.contextValue as { params: PersistedRequest; connectionParams?: unknown };
    const auth = await options.verifier.verify(bearer(authorizationOf({ connectionParams: context.connectionParams })));
    // In production clients send a registered document's id: merge on the registered text. The key
    // must be the document that runs: two ids that disagree, or a text beside an id that is not that
    // id's document, are refused rather than grouped under one and run as the other.
    const { params } = context;
    const ids = new Set([params.extensions?.persistedQuery?.sha256Hash, params.documentId].filter((x): x is string => !!x));
    const id = [...ids][0];
    const registered = id && trusted ? trusted.get(documentKey(id)) : undefined;
    if (ids.size > 1 || (registered && params.query && params.query !== registered)) return { errors: [documentMismatch()] };
    const query = registered ?? params.query;
    let personalSelection = true;
    const grouping =
      auth.ok && query
        ? groups.keyOf({ ...params, query }, (document) => sharingScope(auth.identity, (personalSelection = reachesPersonalData(schema, document, personal))))
        : undefined;
    if (!grouping || options.mergeSubscriptions === false) return upstream(args);
    // A resumed stream's history holds decisions made on personal grounds when it was delivered, and
    // each delivery of case data is a read to audit: a personal resumed stream is never shared.
    if (grouping.resumes && personalSelection) return upstream(args);
    return groups.subscribe(grouping.key, grouping.resumes, () => upstream(args) as never) as never;
  };
  const wsDisposable = useServer(
    {
      ...wsOptions,
      execute: refusing(run),
      subscribe: refusing(async (args) => countSubscription(await run(args), activeSubscriptions)),
      // Operations per socket and per identity are bounded: over a limit, the operation is refused.
      async onSubscribe(ctx, id, payload) {
        const refused = socketLimits.refusal(ctx as never, id);
        const args = await wsOptions.onSubscribe!(ctx, id, payload);
        return refused && args && !Array.isArray(args) ? markRefused(args as ExecutionArgs, refused) : args;
      },
      onClose: (ctx) => socketLimits.release(ctx as never),
      // Without connection_init within 3 s, the socket is closed (4408).
      connectionInitWaitTimeout: 3_000,
      // A connection without a valid token is closed at once (4403), before any operation; one whose
      // token expires is closed then (4401), ending its subscriptions.
      async onConnect(ctx) {
        // Failed authentications count per client address, as over HTTP.
        const address = clientAddress(ctx.extra.request);
        if (authFailures.peek(address)) return false;
        const result = await options.verifier.verify(bearer(authorizationOf({ connectionParams: ctx.connectionParams })));
        if (!result.ok) {
          authFailures.take(address);
          return false;
        }
        if (!socketLimits.admit(ctx as never, `${result.identity.org}|${result.identity.sub}`)) {
          ctx.extra.socket.close(TOO_MANY_SOCKETS_CLOSE, "Too many connections");
          return false;
        }
        // Closed while the token was being verified: graphql-ws has already run onClose, so the slot
        // just taken would never be given back.
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) {
          socketLimits.release(ctx as never);
          return false;
        }
        if (result.expiresAt) {
          const timer = setTimeout(() => ctx.extra.socket.close(4401, "Token expired"), expiryDelay(result.expiresAt));
          timer.unref();
          ctx.extra.socket.once("close", () => clearTimeout(timer));
        }
        return true;
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === "0.0.0.0" ? "127.0.0.1" : options.host}:${port}/graphql`;
  const metricsServer = options.metrics ? await startMetricsServer(options.metrics) : undefined;
  logger.info("gateway ready", { url });

  let closing: Promise<void> | undefined;
  return {
    url,
    wsUrl: url.replace(/^http/, "ws"),
    port,
    runtime,
    metricsUrl: metricsServer?.url,
    subscriptionStats: () => groups.stats(),
    close() {
      closing ??= (async () => {
        await wsDisposable.dispose();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await runtime.dispose();
        for (const off of unsample) off();
        await metricsServer?.close();
        await limiter.close?.();
      })();
      return closing;
    },
  };
}
