import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import httpTransport from "@graphql-mesh/transport-http";
import wsTransport from "@graphql-mesh/transport-ws";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import { IDENTITY_HEADER, SIGNATURE_HEADER } from "@marugoto/shared/core";
import { metricsPlugin, runtimeLogger } from "./observability.js";
import type { RequestLimiter } from "./rate-limit-store.js";
import type { EarlyAuthentication } from "./authenticate-first.js";
import { renderGraphiQL } from "./graphiql.js";
import { documentIdsOf, documentKey, documentMismatch, limitPlugins, type DocumentIdCarrier, type SecuritySettings } from "./security.js";
import { identityPlugin } from "./identity.js";
import type { KeptAnswers } from "./kept-answers.js";
import type { GatewayIdentityContext, GatewayOptions, Runtime } from "./gateway-options.js";
import { isInternal } from "./files/internal.js";
import { requestDeadline } from "./deadline.js";
import { bufferedBodyParser } from "./buffered-body.js";
import { codedVariableErrors } from "./variable-errors.js";
import { upstreamRequestsPlugin } from "./upstream-requests.js";
import { subscriptionsOverWebSocketOnly } from "./subscriptions-over-websocket.js";
import type { SharedUpstreams } from "./shared-upstreams.js";

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

/**
 * Each subgraph at its real URL; upstream calls never de-duplicated; subscriptions over graphql-ws
 * with the signed identity. A socket's connection parameters are each subgraph's own: signed for that
 * subgraph (`socketSignatures`), so a captured connection_init opens no socket at another subgraph.
 */
function transportEntries(subgraphUrls: Record<string, string>) {
  const socketOptions = (name: string) => ({
    connectionParams: {
      [IDENTITY_HEADER]: `{context.socketSignatures.${name}.identity}`,
      [SIGNATURE_HEADER]: `{context.socketSignatures.${name}.signature}`,
    },
  });
  return {
    ...Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, location]) => [
        name,
        { location, options: { subscriptions: { options: socketOptions(name) } } },
      ]),
    ),
    "*.http": {
      options: {
        // Never share one upstream answer between callers: the executor's de-duplication keys
        // in-flight queries on URL and body, before the caller's signed identity is added.
        deduplicateInflightRequests: false,
        subscriptions: { kind: "ws" },
      },
    },
  };
}

/** With a trusted-documents manifest, only its operations run (and the gateway's own file documents). */
function persistedDocuments(trusted: Map<string, string>) {
  return {
    // One id, wherever it is named; two that disagree run neither (the runtime would run the first it looks at).
    extractPersistedOperationId: (params: DocumentIdCarrier, request: Request) => {
      const ids = documentIdsOf(params, request.url);
      if (ids.size > 1) throw documentMismatch({ status: 400 });
      return [...ids][0] ?? null;
    },
    getPersistedOperation: (key: string) => trusted.get(documentKey(key)) ?? null,
    // Only the gateway's own file documents (files/) run unregistered.
    allowArbitraryOperations: (request: Request) => isInternal(request),
    customErrors: {
      notFound: { message: "登録されていない操作です。", extensions: { code: "PERSISTED_DOCUMENT_NOT_FOUND", http: { status: 400 } } },
      persistedQueryOnly: {
        message: "登録済みの操作だけを実行できます。",
        extensions: { code: "PERSISTED_DOCUMENT_REQUIRED", http: { status: 400 } },
      },
      keyNotFound: { message: "操作の識別子がありません。", extensions: { code: "PERSISTED_DOCUMENT_KEY_MISSING", http: { status: 400 } } },
    },
  };
}

/** The Hive runtime: the supergraph, its transports, our plugins and limits; the process's signals stay ours. */
export function createRuntime(
  options: GatewayOptions,
  security: SecuritySettings,
  limiter: RequestLimiter,
  authentication: EarlyAuthentication,
  keptAnswers?: KeptAnswers,
  sharedUpstreams?: SharedUpstreams,
): Runtime {
  const trusted = security.trustedDocuments;
  return withoutNewProcessListeners(() =>
    createGatewayRuntime<GatewayIdentityContext>({
      supergraph: options.supergraph,
      // The Rust planner plans each document once; its fetches go through the same transports and hooks.
      ...(options.queryPlanner === "stitching" ? {} : { unifiedGraphHandler }),
      graphqlEndpoint: "/graphql",
      graphiql: options.production ? false : { title: "まるごとグラフ GraphiQL" },
      renderGraphiQL, // every asset from /graphiql-assets/ (no CDN), with a token field
      landingPage: false,
      // The runtime logs through our pino logger, at warn unless LOG_LEVEL asks for less (info would log every request).
      logging: runtimeLogger(),
      transports: { http: httpTransport, ws: wsTransport },
      transportEntries: transportEntries(options.subgraphUrls),
      plugins: () => [
        requestDeadline(security.requestDeadlineMs),
        bufferedBodyParser(),
        // Before the metrics: a call answered from what is kept is no call.
        ...(keptAnswers ? [keptAnswers.fetchPlugin()] : []),
        metricsPlugin(),
        authentication.plugin(),
        identityPlugin(options, limiter),
        upstreamRequestsPlugin(sharedUpstreams),
        // A valid subscription over HTTP is refused: subscriptions run over graphql-ws only (ws.ts).
        subscriptionsOverWebSocketOnly(),
        ...limitPlugins(security),
        // Variables that do not fit come back coded (BAD_USER_INPUT), before anything runs.
        codedVariableErrors(),
        // Last: every limit and validation rule has run before a kept answer is given.
        ...(keptAnswers ? [keptAnswers.plugin()] : []),
      ],
      disableIntrospection: options.production ? { disableIf: () => true } : undefined,
      // In production an unexpected error is "Unexpected error." and its code, never its cause (an upstream's
      // address, the request sent to it), whatever NODE_ENV the process was given.
      ...(options.production ? { maskedErrors: { isDev: false } } : {}),
      cors: security.corsOrigins.length ? { origin: security.corsOrigins, credentials: true, methods: ["GET", "POST"] } : false,
      ...(trusted ? { persistedDocuments: persistedDocuments(trusted) } : {}),
    }),
  );
}
