import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { GraphQLError } from "graphql";
import { Agent } from "node:http";
import {
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  UnauthenticatedError,
  bodyDigest,
  metrics,
  operationLabel,
  requestContext,
  requestIdOf,
  signIdentity,
  type Identity,
  type SignedIdentity,
} from "@marugoto/shared/core";
import { bearer, type TokenVerifier } from "./auth.js";
import { countedEarly, verifiedEarly } from "./authenticate-first.js";
import type { GatewayIdentityContext, GatewayOptions } from "./gateway-options.js";
import type { RequestLimiter } from "./rate-limit-store.js";
import { UpstreamBatches } from "./upstream-batches.js";
import { fanOutOf, type FanOutHandle, type FanOutMember, type PersonalAnswer } from "./personal-fanout.js";
import { isPersonalSubgraph } from "./sharing-scope.js";
import { clientOperationOf } from "./upstream-requests.js";

/** The client's `authorization`: from graphql-ws connectionParams, else the request's header. */
export function authorizationOf(context: { connectionParams?: unknown; request?: Request }): string | undefined {
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

/** Marks a graphql-ws operation whose allowance was taken at its subscribe message; copies of its context keep the mark. */
const COUNTED_AT_SUBSCRIBE = Symbol("marugoto.countedAtSubscribe");

const countedAtSubscribe = (context: unknown): boolean =>
  !!(context as { [COUNTED_AT_SUBSCRIBE]?: boolean } | undefined)?.[COUNTED_AT_SUBSCRIBE];

/** The operation's arguments, its context marked as counted (`onContextBuilding` takes nothing more for it). */
export function markCounted<A extends { contextValue?: unknown }>(args: A): A {
  return { ...args, contextValue: { ...(args.contextValue as object), [COUNTED_AT_SUBSCRIBE]: true } };
}

/**
 * graphql-ws: one request of the identity's allowance for each `subscribe` message, taken before its
 * document is looked up or parsed, as over HTTP (authenticate-first.ts). An operation that joins a
 * running group, or that a limit or the trusted documents refuse, never reaches `onContextBuilding`:
 * without this it would cost nothing. Answers the refusal when the allowance is used up; a token that
 * no longer verifies takes nothing here (the operation is refused as unauthenticated later).
 */
export function socketAllowance(verifier: TokenVerifier, limiter: RequestLimiter) {
  return async (connectionParams: unknown): Promise<GraphQLError | undefined> => {
    const result = await verifier.verify(bearer(authorizationOf({ connectionParams })));
    if (!result.ok) return undefined;
    const wait = await limiter.take(result.identity.sub);
    return wait ? rateLimited(wait) : undefined;
  };
}

/**
 * At most this many connections to one subgraph at a time; further calls wait for a free one. Without
 * a bound, one agenda change to 2,000 personal subscriptions opened 2,000 connections to the directory
 * at once: more than its listen backlog (511), and the connections it could not accept were reset
 * (`read ECONNRESET`, a field lost from the event).
 */
export const UPSTREAM_SOCKETS_PER_SUBGRAPH = 128;

/** Keep-alive connections to the subgraphs: idle ones close after 5 s (the subgraphs keep theirs 65 s). */
function upstreamAgent(): Agent {
  return new Agent({ keepAlive: true, scheduling: "lifo", timeout: 5_000, maxSockets: UPSTREAM_SOCKETS_PER_SUBGRAPH });
}

/** How long after the client token's expiry an upstream socket opened for it may stay open. */
const UPSTREAM_SOCKET_GRACE_MS = 30_000;

/**
 * The connection parameters of an upstream graphql-ws socket for one subscription, by subgraph name:
 * each signed for its subgraph (any other refuses it) and to end at `until` (the client token's
 * expiry, when the gateway closes the client's own socket), when the ws transport of that subgraph
 * first reads it, and the same signature at every later read (the transport reads the identity and
 * the signature apart, and keys its socket on them). A subscription opens a socket to one subgraph:
 * only that one is signed.
 */
export function socketSignatures(
  identity: Identity,
  until: number,
  secret: string,
  subgraphs: readonly string[],
): Readonly<Record<string, SignedIdentity>> {
  const signatures: Record<string, SignedIdentity> = {};
  for (const subgraph of subgraphs) {
    let signed: SignedIdentity | undefined;
    // Not enumerable: nothing that copies or prints the context signs for every subgraph.
    Object.defineProperty(signatures, subgraph, {
      get: () => (signed ??= signIdentity(identity, secret, { kind: "ws", subgraph, until })),
    });
  }
  return signatures;
}

/** Verifies the client's token for every operation (HTTP and graphql-ws), rate-limits it, keeps the identity. */
export function identityPlugin(options: GatewayOptions, limiter: RequestLimiter): GatewayPlugin<GatewayIdentityContext> {
  const agent = upstreamAgent();
  const batches = options.batchSubscriptionCalls === false ? undefined : new UpstreamBatches(agent);
  const organisationUrls = new Set(
    Object.entries(options.subgraphUrls)
      .filter(([name]) => !isPersonalSubgraph(name))
      .map(([, url]) => url),
  );
  const subgraphs = Object.keys(options.subgraphUrls);
  // Each upstream call is signed for the subgraph at its URL (the transport's location is `subgraphUrls`' own).
  const subgraphByUrl = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [url, name]));
  return {
    async onContextBuilding({ context, extendContext }) {
      // A fan-out replay runs an event again for people who subscribed (verified and counted then): not a request of theirs.
      const replay = fanOutOf(context);
      if (replay?.replay && replay.identity) return extendContext({ identity: replay.identity });
      const result = verifiedEarly(context.request) ?? (await options.verifier.verify(bearer(authorizationOf(context))));
      if (!result.ok) throw unauthenticated(result.message);
      // An HTTP request was counted before parsing (authenticate-first.ts), a graphql-ws operation at its
      // subscribe message (`socketAllowance`); any other operation is counted here.
      const counted = countedEarly(context.request) || countedAtSubscribe(context);
      const wait = counted ? 0 : await limiter.take(result.identity.sub);
      if (wait) throw rateLimited(wait);
      extendContext({ identity: result.identity, identityExpiresAt: result.expiresAt });
    },
    // The signed connection parameters of an upstream graphql-ws socket: only a subscription opens one,
    // so only a subscription pays for the signature (queries and mutations are signed per call, below),
    // and only for the subgraph its socket goes to.
    onSubscribe({ context, extendContext }) {
      const { identity, identityExpiresAt } = context as GatewayIdentityContext;
      if (!identity || identityExpiresAt === undefined) return;
      // The upstream socket ends a little after the token: the gateway's own close of the client's
      // socket at the expiry comes first, so the client is told its session ran out, never that its
      // stream was interrupted (which it would answer by subscribing again).
      const until = identityExpiresAt + UPSTREAM_SOCKET_GRACE_MS;
      extendContext({ socketSignatures: socketSignatures(identity, until, options.identitySecret, subgraphs) });
    },
    // Signed at fetch time, not at context time: a subscription's later entity fetches stay fresh;
    // and for the exact body sent (document, name, variables), so the headers fit no other call.
    onFetch({ context, url, options: init, setOptions, fetchFn, setFetchFn, endResponse }) {
      const identity = (context as GatewayIdentityContext).identity;
      // A URL that is no subgraph's is sent unsigned (and any subgraph refuses it): a signature names its subgraph.
      const subgraph = subgraphByUrl.get(url);
      if (!identity || subgraph === undefined) return;
      const body = upstreamBody(init.body);
      // A fan-out run's call to a subgraph that may decide on the person: made for each of its people, as that person.
      const fan = fanOutOf(context);
      if (fan && !organisationUrls.has(url)) {
        return endResponse(fanOutFetch(fan, { url, init, body, fetchFn, context, subgraph }, batches, options.identitySecret));
      }
      const signed = signIdentity(identity, options.identitySecret, { kind: "http", subgraph, body });
      const headers = new Headers(init.headers as HeadersInit | undefined);
      headers.set(IDENTITY_HEADER, signed.identity);
      headers.set(SIGNATURE_HEADER, signed.signature);
      // One request id from the client's call to every subgraph call it makes (logged on both sides).
      const requestId = (context as { request?: Request }).request?.headers.get(REQUEST_ID_HEADER) ?? requestContext.getStore()?.requestId;
      if (requestId) headers.set(REQUEST_ID_HEADER, requestIdOf(requestId));
      // A subscription event's call (its context holds the socket's signed identity): sent with the
      // same event's calls for other people, each still signed for its own body and answered alone.
      // Sent in the fetch's place (not as an ended response): what the plugins do with an answer
      // (kept answers heed NOT_KEPT_HEADER) they do with this one too.
      if (batches && (context as GatewayIdentityContext).socketSignatures && typeof body === "string") {
        const { "content-type": _type, ...callHeaders } = Object.fromEntries(headers);
        const signal = init.signal;
        setFetchFn((() => batches.send(fetchFn as never, url, { headers: callHeaders, body }, signal)) as typeof fetchFn);
        return;
      }
      setOptions({
        ...init,
        headers: Object.fromEntries(headers),
        signal: withRequestSignal(init.signal, (context as { request?: Request }).request),
        agent,
      } as typeof init);
    },
  };
}

/** One person's call of a fan-out run: the run's request (its `headers` and `body` to `subgraph`), signed as that person, under their own request id. */
function personalCall(
  member: FanOutMember,
  subgraph: string,
  headers: Record<string, string>,
  body: string,
  digest: string,
  secret: string,
) {
  const signed = signIdentity(member.identity, secret, { kind: "http", subgraph, body, digest });
  const requestId = (member.args.contextValue as { request?: Request } | undefined)?.request?.headers.get(REQUEST_ID_HEADER);
  return {
    headers: {
      ...headers,
      [IDENTITY_HEADER]: signed.identity,
      [SIGNATURE_HEADER]: signed.signature,
      ...(requestId ? { [REQUEST_ID_HEADER]: requestIdOf(requestId) } : {}),
    },
    body,
  };
}

interface FanOutFetch {
  url: string;
  init: { headers?: unknown; signal?: AbortSignal | null };
  body: string | Uint8Array;
  fetchFn: unknown;
  context: unknown;
  /** The subgraph's name: each person's call is signed for it. */
  subgraph: string;
}

/** A fan-out run's personal call: each of its people's own call, counted as one, sent in the event's batch. */
function fanOutFetch(fan: FanOutHandle, f: FanOutFetch, batches: UpstreamBatches | undefined, secret: string): Promise<Response> {
  const labels = { subgraph: operationLabel(f.subgraph), operation: operationLabel(clientOperationOf(f.context)) };
  const { "content-type": _type, ...headers } = Object.fromEntries(new Headers(f.init.headers as HeadersInit | undefined));
  const body = f.body;
  // Every person's call carries the same body: its digest, which each signature binds, is taken once.
  const digest = typeof body === "string" ? bodyDigest(body) : "";
  const call =
    batches && typeof body === "string"
      ? (member: FanOutMember) => {
          metrics.subgraphRequests.inc(labels);
          return batches.answer(f.fetchFn as never, f.url, personalCall(member, f.subgraph, headers, body, digest, secret), f.init.signal);
        }
      : undefined;
  return fanOutAnswer(fan, `${f.url}\n${String(body)}`, call);
}

const jsonResponse = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "application/json" } });

/**
 * The answer a fan-out run goes on with (`FanOutRun.answer`). Outside an event, or without a way to
 * make each person's call, there is no one it could be made as: refused, never made as one person
 * for the others.
 */
async function fanOutAnswer(
  fan: FanOutHandle,
  key: string,
  call: ((member: FanOutMember) => Promise<PersonalAnswer>) | undefined,
): Promise<Response> {
  if (!fan.run || !call) {
    const refusal = { errors: [{ message: "この呼び出しは一人ずつしか行えません。", extensions: { code: "INTERNAL_SERVER_ERROR" } }] };
    return jsonResponse(500, JSON.stringify(refusal));
  }
  const answer = await fan.run.answer(key, call);
  if ("error" in answer) throw answer.error;
  return jsonResponse(answer.status, answer.body);
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
