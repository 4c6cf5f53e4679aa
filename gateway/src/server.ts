import {
  createGatewayRuntime,
  getGraphQLWSOptions,
  type GatewayPlugin,
  type GatewayRuntime,
} from "@graphql-hive/gateway-runtime";
import httpTransport from "@graphql-mesh/transport-http";
import wsTransport from "@graphql-mesh/transport-ws";
import { normalizeNodeRequest } from "@whatwg-node/server";
import { GraphQLError } from "graphql";
import { useServer, type Extra } from "graphql-ws/use/ws";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import {
  IDENTITY_HEADER,
  SIGNATURE_HEADER,
  UnauthenticatedError,
  logger,
  logLevel,
  repoRoot,
  signIdentity,
  type Identity,
} from "@marugoto/shared/core";
import { bearer, type TokenVerifier } from "./auth.js";
import { GRAPHIQL_ASSETS, renderGraphiQL, serveGraphiQLAsset } from "./graphiql.js";
import { documentKey, limitPlugins, RateLimiter, securityHeaders, type SecuritySettings } from "./security.js";
import { SubscriptionGroups, type GroupStats, type SubscriptionRequest } from "./subscription-groups.js";

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
    maxBodyBytes: 1_048_576,
    rateLimitPerMinute: 600,
    corsOrigins: [],
    requestDeadlineMs: 30_000,
  };
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  port: number;
  runtime: GatewayRuntime<GatewayIdentityContext>;
  /** Merged subscriptions: upstream groups and the clients they serve. */
  subscriptionStats(): GroupStats;
  close(): Promise<void>;
}

/**
 * Subscriptions whose every rule is per organisation and role (meeting membership, pledges; hubs'
 * public events): colleagues watching the same thing may share one upstream stream.
 */
const ORGANISATION_SCOPED = new Set(["agendaChanged", "meetingsChanged", "actionItemsChanged", "hubEvents", "districtEvents"]);

/**
 * The authorisation scope of a subscription: everything the subgraphs' rules for its events depend
 * on. Organisation and roles for the fields above; anything else (a case, where break-glass is
 * personal) also the person — never shared with a colleague who may lack the ground.
 */
export const scopeOf = (identity: Identity, fields: string[]) => {
  const base = `${identity.org}|${[...identity.roles].sort().join(",")}`;
  return fields.every((f) => ORGANISATION_SCOPED.has(f)) ? base : `${base}|${identity.sub}`;
};

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

function rateLimited(seconds: number): GraphQLError {
  return new GraphQLError(`リクエストが多すぎます。${seconds}秒後に再試行してください。`, {
    extensions: { code: "RATE_LIMITED", retryAfterSeconds: seconds, http: { status: 429, headers: { "Retry-After": String(seconds) } } },
  });
}

/** Verifies the client's token for every operation (HTTP and graphql-ws), rate-limits it, keeps the identity. */
function identityPlugin(options: GatewayOptions, limiter: RateLimiter): GatewayPlugin<GatewayIdentityContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const result = await options.verifier.verify(bearer(authorizationOf(context)));
      if (!result.ok) throw unauthenticated(result.message);
      const wait = limiter.take(result.identity.sub);
      if (wait) throw rateLimited(wait);
      const signed = signIdentity(result.identity, options.identitySecret);
      extendContext({ identity: result.identity, signedIdentity: signed.identity, signedSignature: signed.signature });
    },
    // Signed at fetch time, not at context time: a subscription's later entity fetches stay fresh;
    // and for the operation in the body, so the headers fit no other query.
    onFetch({ context, options: init, setOptions }) {
      const identity = (context as GatewayIdentityContext).identity;
      if (!identity) return;
      const signed = signIdentity(identity, options.identitySecret, Date.now(), upstreamQuery(init.body));
      const headers = new Headers(init.headers as HeadersInit | undefined);
      headers.set(IDENTITY_HEADER, signed.identity);
      headers.set(SIGNATURE_HEADER, signed.signature);
      setOptions({ ...init, headers: Object.fromEntries(headers) });
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

/** The operation text of an upstream request body (a JSON string from the HTTP transport). */
function upstreamQuery(body: unknown): string {
  if (typeof body !== "string") return "";
  try {
    const parsed = JSON.parse(body) as { query?: unknown };
    return typeof parsed.query === "string" ? parsed.query : "";
  } catch {
    return "";
  }
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
  const limiter = new RateLimiter(security.rateLimitPerMinute);
  const headers = securityHeaders(options.production);
  const trusted = security.trustedDocuments;
  const runtime = withoutNewProcessListeners(() =>
    createGatewayRuntime<GatewayIdentityContext>({
      supergraph: options.supergraph,
      graphqlEndpoint: "/graphql",
      graphiql: options.production ? false : { title: "まるごとグラフ GraphiQL" },
      renderGraphiQL, // every asset from /graphiql-assets/ (no CDN), with a token field
      landingPage: false,
      // The runtime logs at warn unless LOG_LEVEL asks for less (info would log every request).
      logging: logLevel() === false ? false : logLevel() === "error" ? "error" : "warn",
      transports: { http: httpTransport, ws: wsTransport },
      transportEntries: {
        ...Object.fromEntries(Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }])),
        "*.http": {
          options: {
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
      plugins: () => [identityPlugin(options, limiter), ...limitPlugins(security)],
      disableIntrospection: options.production ? { disableIf: () => true } : undefined,
      cors: security.corsOrigins.length ? { origin: security.corsOrigins, credentials: true, methods: ["GET", "POST"] } : false,
      requestDeadline: security.requestDeadlineMs,
      ...(trusted
        ? {
            persistedDocuments: {
              getPersistedOperation: (key: string) => trusted.get(documentKey(key)) ?? null,
              allowArbitraryOperations: false,
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

  const server = http.createServer(async (req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const pathname = (req.url ?? "/").split("?")[0];
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > security.maxBodyBytes) {
      res.writeHead(413, { "content-type": "application/json", connection: "close" }).end(
        JSON.stringify({ errors: [{ message: "リクエストが大きすぎます。", extensions: { code: "PAYLOAD_TOO_LARGE", limitBytes: security.maxBodyBytes } }] }),
      );
      req.destroy();
      return;
    }
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
    if (req.method === "GET" && pathname === "/readiness") {
      const subgraphs = await subgraphsReady(options.subgraphUrls);
      const ready = Object.values(subgraphs).every(Boolean);
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ready ? "ready" : "unavailable", subgraphs }));
      return;
    }
    runtime(req, res);
  });

  const wsServer = new WebSocketServer({ server, path: "/graphql", maxPayload: security.maxBodyBytes });
  const wsOptions = getGraphQLWSOptions<GatewayIdentityContext, Extra>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: normalizeNodeRequest(ctx.extra.request, runtime.fetchAPI),
  }));
  const groups = new SubscriptionGroups();
  // Identical subscriptions of one authorisation scope share one upstream subscription.
  const upstream = wsOptions.subscribe!;
  const run: typeof wsOptions.subscribe = async (args) => {
    const context = args.contextValue as { params: PersistedRequest; connectionParams?: unknown };
    const auth = await options.verifier.verify(bearer(authorizationOf({ connectionParams: context.connectionParams })));
    // In production clients send a registered document's id: merge on the registered text.
    const { params } = context;
    const id = params.documentId ?? params.extensions?.persistedQuery?.sha256Hash;
    const query = params.query || (id && trusted ? trusted.get(documentKey(id)) : undefined);
    const grouping = auth.ok && query ? groups.keyOf({ ...params, query }, (fields) => scopeOf(auth.identity, fields)) : undefined;
    if (!grouping || options.mergeSubscriptions === false) return upstream(args);
    return groups.subscribe(grouping.key, grouping.resumes, () => upstream(args) as never) as never;
  };
  const wsDisposable = useServer(
    {
      ...wsOptions,
      execute: run,
      subscribe: run,
      // Without connection_init within 3 s, the socket is closed (4408).
      connectionInitWaitTimeout: 3_000,
      // A connection without a valid token is closed at once (4403), before any operation; one whose
      // token expires is closed then (4401), ending its subscriptions.
      async onConnect(ctx) {
        const result = await options.verifier.verify(bearer(authorizationOf({ connectionParams: ctx.connectionParams })));
        if (!result.ok) return false;
        if (result.expiresAt) {
          const timer = setTimeout(() => ctx.extra.socket.close(4401, "Token expired"), Math.max(0, result.expiresAt - Date.now()));
          timer.unref();
          ctx.extra.socket.once("close", () => clearTimeout(timer));
        }
        return true;
      },
    },
    wsServer,
  );

  // The runtime loads the supergraph lazily; a WebSocket subscribe before any HTTP request would fail.
  await runtime.getSchema();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === "0.0.0.0" ? "127.0.0.1" : options.host}:${port}/graphql`;
  logger.info("gateway ready", { url });

  let closing: Promise<void> | undefined;
  return {
    url,
    wsUrl: url.replace(/^http/, "ws"),
    port,
    runtime,
    subscriptionStats: () => groups.stats(),
    close() {
      closing ??= (async () => {
        await wsDisposable.dispose();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await runtime.dispose();
      })();
      return closing;
    },
  };
}
