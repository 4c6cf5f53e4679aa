import { getGraphQLWSOptions } from "@graphql-hive/gateway-runtime";
import { normalizeNodeRequest } from "@whatwg-node/server";
import type { ExecutionArgs, ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from "graphql";
import { useServer, type Extra } from "graphql-ws/use/ws";
import type http from "node:http";
import { WebSocketServer } from "ws";
import { countSubscription, metrics } from "@marugoto/shared/core";
import { bearer } from "./auth.js";
import { clientAddress } from "./client-address.js";
import { CONNECTION_INIT_WAIT_MS } from "./config.js";
import type { GatewayIdentityContext, GatewayOptions, Runtime } from "./gateway-options.js";
import { authorizationOf, markCounted, socketAllowance } from "./identity.js";
import type { RequestLimiter } from "./rate-limit-store.js";
import type { RateLimiter, SecuritySettings } from "./security.js";
import { markRefused, refusing, SocketLimits, TOO_MANY_SOCKETS_CLOSE } from "./socket-limits.js";
import { closeOnExpiry } from "./socket-expiry.js";
import { mergingSubscribe, type WsOptions } from "./subscription-merging.js";
import { SubscriptionGroups } from "./subscription-groups.js";
import { OVER_WEBSOCKET } from "./subscriptions-over-websocket.js";
import { FanOutGroups } from "./personal-fanout.js";
import type { SharedUpstreams } from "./shared-upstreams.js";

export interface WebSocketParts {
  server: http.Server;
  runtime: Runtime;
  options: GatewayOptions;
  security: SecuritySettings;
  authFailures: RateLimiter;
  /** The per-identity request allowance, as HTTP takes it: one request per subscribe message. */
  limiter: RequestLimiter;
  sharedUpstreams?: SharedUpstreams;
}

export interface RunningWebSockets {
  groups: SubscriptionGroups;
  /** Personal live subscriptions run per organisation, roles and people answered alike. */
  fanOut: FanOutGroups;
  /** Stops graphql-ws. */
  dispose(): void | Promise<void>;
  /** Stops sampling the socket and subscription metrics. */
  unsample(): void;
}

/** An error as a socket's client reads it: the runtime's `http` extension (a status, headers) means nothing on a socket. */
function withoutHttp(error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError {
  const formatted = "toJSON" in error ? error.toJSON() : error;
  if (!formatted.extensions || !("http" in formatted.extensions)) return formatted;
  const { http: _http, ...extensions } = formatted.extensions;
  const { extensions: _all, ...rest } = formatted;
  return Object.keys(extensions).length ? { ...rest, extensions } : rest;
}

const carriesHttp = (errors: readonly (GraphQLError | GraphQLFormattedError)[] | undefined): boolean =>
  !!errors?.some((e) => !!e.extensions && "http" in e.extensions);

/** A result sent over the socket with no `http` extension left in its errors (most results have none: sent as they are). */
function socketResult(result: ExecutionResult): FormattedExecutionResult | undefined {
  if (!carriesHttp(result.errors)) return undefined;
  return { ...(result as FormattedExecutionResult), errors: result.errors!.map(withoutHttp) };
}

type ConnectContext = Parameters<NonNullable<WsOptions["onConnect"]>>[0];

/**
 * A connection without a valid token is closed at once (4403), before any operation; one whose
 * token expires is closed then (4401), ending its subscriptions.
 */
function connectionCheck({ options, authFailures, security }: WebSocketParts, socketLimits: SocketLimits) {
  return async (ctx: ConnectContext): Promise<boolean> => {
    // Failed authentications count per client address, as over HTTP, its attempts verified in turn.
    const address = clientAddress(ctx.extra.request, security.trustedProxies, security.trustedProxyHops);
    const end = await authFailures.turn(address);
    if (typeof end === "number") return false;
    let result: Awaited<ReturnType<typeof options.verifier.verify>>;
    try {
      result = await options.verifier.verify(bearer(authorizationOf({ connectionParams: ctx.connectionParams })));
      // An expired but genuine token is a late client reconnecting, not a guess: not counted.
      if (!result.ok && !result.expired) authFailures.take(address);
    } finally {
      end();
    }
    if (!result.ok) return false;
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
    closeOnExpiry(ctx.extra.socket, result.expiresAt);
    return true;
  };
}

/** Open sockets, subscriptions and merged groups, sampled by the metrics; returns what stops the sampling. */
function sampleMetrics(
  wsServer: WebSocketServer,
  groups: SubscriptionGroups,
  fanOut: FanOutGroups,
  activeSubscriptions: { value: number },
  shared: SharedUpstreams | undefined,
): () => void {
  const unsample = [
    metrics.sharedUpstreams.add(() => shared?.stats().upstreams ?? 0),
    metrics.sharedUpstreamSubscribers.add(() => shared?.stats().subscribers ?? 0),
    metrics.openSockets.add(() => wsServer.clients.size),
    metrics.subscriptions.add(() => activeSubscriptions.value),
    metrics.subscriptionGroups.add(() => groups.stats().groups + fanOut.stats().groups),
    metrics.subscriptionGroupClients.add(() => groups.stats().members + fanOut.stats().members),
  ];
  return () => {
    for (const off of unsample) off();
  };
}

/** graphql-ws on the HTTP server's /graphql: authenticated at connection, bounded per socket and identity, identical subscriptions merged. */
export async function startWebSockets(parts: WebSocketParts): Promise<RunningWebSockets> {
  const { server, runtime, options, security } = parts;
  const wsServer = new WebSocketServer({ server, path: "/graphql", maxPayload: security.maxBodyBytes });
  const wsOptions: WsOptions = getGraphQLWSOptions<GatewayIdentityContext, Extra>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: normalizeNodeRequest(ctx.extra.request, runtime.fetchAPI),
    // Subscriptions run here only: over HTTP they are refused (subscriptions-over-websocket.ts).
    [OVER_WEBSOCKET]: true,
  }));
  const groups = new SubscriptionGroups();
  const fanOut = new FanOutGroups();
  const schema = await runtime.getSchema();
  const socketLimits = new SocketLimits(security.socketLimits);
  const activeSubscriptions = { value: 0 };
  const unsample = sampleMetrics(wsServer, groups, fanOut, activeSubscriptions, parts.sharedUpstreams);
  const allowance = socketAllowance(options.verifier, parts.limiter);
  const run = mergingSubscribe(wsOptions.subscribe!, {
    verifier: options.verifier,
    supergraph: options.supergraph,
    schema,
    groups,
    trusted: security.trustedDocuments,
    maxTokens: security.maxTokens,
    merge: options.mergeSubscriptions !== false,
    // Each person's calls of a fan-out run go out in the event's batch; without batching, one run per person.
    fanOut: options.batchSubscriptionCalls === false ? undefined : fanOut,
  });
  const wsDisposable = useServer(
    {
      ...wsOptions,
      execute: refusing(run),
      subscribe: refusing(async (args) => countSubscription(await run(args), activeSubscriptions)),
      // Operations per socket and per identity are bounded, and each subscribe message costs a request
      // of the identity's allowance before its document is looked up or parsed: over a limit, refused.
      async onSubscribe(ctx, id, payload) {
        const refused = socketLimits.refusal(ctx as never, id);
        const overAllowance = await allowance(ctx.connectionParams);
        const args = await wsOptions.onSubscribe!(ctx, id, payload);
        if (!args || Array.isArray(args)) return args;
        const refusal = refused ?? overAllowance;
        return refusal ? markRefused(args as ExecutionArgs, refusal) : markCounted(args as ExecutionArgs);
      },
      onNext: (_ctx, _id, _payload, _args, result) => socketResult(result),
      onError: (_ctx, _id, _payload, errors) => (carriesHttp(errors) ? errors.map(withoutHttp) : undefined),
      onClose: (ctx) => socketLimits.release(ctx as never),
      // Without connection_init in time, the socket is closed (4408).
      connectionInitWaitTimeout: CONNECTION_INIT_WAIT_MS,
      onConnect: connectionCheck(parts, socketLimits),
    },
    wsServer,
  );
  return { groups, fanOut, dispose: () => wsDisposable.dispose(), unsample };
}
