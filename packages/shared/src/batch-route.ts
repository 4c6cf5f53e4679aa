import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { holdsNul, NUL_MESSAGE } from "./nul.js";
import express from "express";
import { Kind, OperationTypeNode, parse } from "graphql";
import type { CreateGroupContext } from "./answer-alike.js";
import { MAX_BATCH_CALLS, packReply, unpackBodies, type BatchedAnswer, type BatchedCall, type BatchRequest } from "./batch.js";
import { bodyDigest, IDENTITY_HEADER, NOT_KEPT_HEADER, SIGNATURE_HEADER, type Identity } from "./identity.js";
import { logger, REQUEST_ID_HEADER, requestContext, requestIdOf, safeError } from "./logger.js";
import { metrics, operationLabel } from "./metrics.js";
import { operationOf, signedCallIdentity, unauthenticated, type OperationInfo, type Verify } from "./signed-calls.js";

/** What the batch route runs calls with. */
export interface BatchRoute<C extends BaseContext> {
  /** Subgraph name, for logs. */
  name: string;
  apollo: ApolloServer<C>;
  verify: Verify;
  createContext: (identity: Identity, operation: OperationInfo) => C | Promise<C>;
  createGroupContext: CreateGroupContext<C>;
}

/** A call of a batch refused before it runs, with the status and code it would have had alone. */
const batchRefusal = (message: string, code: "BAD_REQUEST" | "BAD_USER_INPUT"): BatchedAnswer => ({
  status: 400,
  body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
});

/** The calls of a batch request, each with its body (given itself or by place in `bodies`); null when it is no batch. */
function callsOf(payload: unknown): BatchedCall[] | null {
  const { calls, bodies } = (payload ?? {}) as Partial<BatchRequest>;
  if (!Array.isArray(calls) || !calls.length || calls.length > MAX_BATCH_CALLS) return null;
  if (bodies !== undefined && (!Array.isArray(bodies) || !bodies.every((b) => typeof b === "string"))) return null;
  const unpacked = unpackBodies(calls, bodies);
  return unpacked?.every(isBatchedCall) ? unpacked : null;
}

function isBatchedCall(call: unknown): call is BatchedCall {
  const { headers, body } = (call ?? {}) as Partial<BatchedCall>;
  if (typeof body !== "string" || !headers || typeof headers !== "object") return false;
  for (const name in headers) if (typeof headers[name] !== "string") return false;
  return true;
}

/** A call's headers with lower-cased names (the gateway sends them so: then the same object, not a copy). */
function lowerCased(headers: Record<string, string>): Record<string, string> {
  for (const name in headers) {
    if (name !== name.toLowerCase()) return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  }
  return headers;
}

/**
 * One call of a batch, checked: refused, or signed for its identity (or not, `unsigned`: it is
 * answered UNAUTHENTICATED by Apollo Server, as alone, its body never read).
 */
interface Checked {
  call: BatchedCall;
  headers: Record<string, string>;
  requestId: string;
  refusal?: BatchedAnswer;
  identity?: Identity;
  unsigned?: string;
  operation: OperationInfo;
  /** Set when the body is a query: calls with this key (the same body, organisation and roles) may be run once. */
  groupKey?: string;
}

/**
 * `POST /graphql/batch`: many calls in one HTTP request, each as if it came alone — its own signed
 * identity verified against its own body and used once, its own operation, audit, log line (at debug,
 * or info if it failed; the batch has one line at info) and answer. The gateway sends a subscription
 * event's calls for many people together (`gateway/src/upstream-batches.ts`). Queries of the same
 * bytes for people of the same organisation and roles are run once, for the first of them, and the
 * answer is given to each of the others the subgraph finds it is exactly theirs (`GroupContext`); the
 * rest run alone, side by side, sharing statements (each person's rows and answer stay its own).
 */
export function mountBatchRoute<C extends BaseContext>(app: express.Express, route: BatchRoute<C>): void {
  app.post("/graphql/batch", express.json({ limit: "4mb" }), async (req, res) => {
    res.setHeader("cache-control", "no-store");
    const calls = callsOf(req.body);
    if (!calls) {
      res.status(400).json({
        errors: [{ message: `一括呼び出しは 1〜${MAX_BATCH_CALLS} 件の呼び出しの配列です。`, extensions: { code: "BAD_REQUEST" } }],
      });
      return;
    }
    const started = performance.now();
    const results = await answerBatch(route, calls);
    const packed = Array.isArray((req.body as BatchRequest).bodies);
    res.json(packed ? packReply(results) : { results });
    // One line per batch at info (a live event for 2,000 people is one batch, not 2,000 lines); each call's own below.
    const statuses: Record<string, number> = {};
    for (const { status } of results) statuses[status] = (statuses[status] ?? 0) + 1;
    logger.info("batch served", { subgraph: route.name, calls: calls.length, statuses, ms: Math.round(performance.now() - started) });
  });
}

/** Each call's answer, in the calls' order: alike calls run once, the others alone. */
function answerBatch<C extends BaseContext>(route: BatchRoute<C>, calls: BatchedCall[]): Promise<BatchedAnswer[]> {
  const bodies = new Map<string, BatchBody>();
  const checked = calls.map((call) => check(route.verify, call, bodies));
  const answers: Promise<BatchedAnswer>[] = [];
  const groups = new Map<string, number[]>();
  checked.forEach((c, i) => {
    if (c.refusal) answers[i] = Promise.resolve(c.refusal);
    else if (!c.groupKey) answers[i] = runAlone(route, c);
    else {
      const members = groups.get(c.groupKey);
      if (members) members.push(i);
      else groups.set(c.groupKey, [i]);
    }
  });
  for (const members of groups.values()) {
    if (members.length === 1) {
      answers[members[0]!] = runAlone(route, checked[members[0]!]!);
      continue;
    }
    const alike = runAlike(
      route,
      members.map((i) => checked[i]!),
    );
    members.forEach((i, j) => (answers[i] = alike.then((a) => a[j]!)));
  }
  return Promise.all(answers);
}

/** Whether `query` (with `operationName`) runs a query operation: only those are run once for many. */
function isQuery(query: unknown, operationName: unknown): boolean {
  if (typeof query !== "string") return false;
  try {
    const operations = parse(query, { noLocation: true }).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation =
      typeof operationName === "string"
        ? operations.find((o) => o.name?.value === operationName)
        : operations.length === 1
          ? operations[0]
          : undefined;
    return operation?.operation === OperationTypeNode.QUERY;
  } catch {
    return false;
  }
}

/**
 * What a batch's calls with the same body share, found once: its place among the batch's distinct
 * bodies and its digest (the bytes hashed, nothing parsed: what every call's signature is checked
 * against) and, once a call of it is signed, its facts. An unsigned caller costs a digest only.
 */
interface BatchBody {
  id: number;
  digest: string;
  facts?: BodyFacts;
}

/** Whether a signed body is JSON without NUL, its operation, whether it runs a query. (Each run parses the body anew, as a call alone would.) */
interface BodyFacts {
  refusal?: BatchedAnswer;
  operation: OperationInfo;
  /** The body runs a query operation: only those are run once for many. */
  runsQuery: boolean;
}

function factsOf(text: string): BodyFacts {
  const none = { operation: { name: null }, runsQuery: false };
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { ...none, refusal: batchRefusal("呼び出しの本文が JSON ではありません。", "BAD_REQUEST") };
  }
  if (holdsNul(body)) return { ...none, refusal: batchRefusal(NUL_MESSAGE, "BAD_USER_INPUT") };
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  return { operation: operationOf(body), runsQuery: isQuery(query, operationName) };
}

/** Headers that are each call's own and change nothing in its answer: the signed identity and the request id. */
const OWN_HEADERS = new Set([IDENTITY_HEADER, SIGNATURE_HEADER, REQUEST_ID_HEADER]);

/** Every other header of a call (`accept`, a fresh read, …), in order: calls run once for many must agree on them all. */
const answerHeaders = (headers: Record<string, string>) =>
  Object.entries(headers)
    .filter(([name]) => !OWN_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * A call checked before it runs: its signature verified (and used up) once, against its body's
 * digest; only then are the body's facts found, once per batch. A body no signed call carries is
 * never parsed, as JSON or as GraphQL.
 */
function check(verify: Verify, call: BatchedCall, bodies: Map<string, BatchBody>): Checked {
  const headers = lowerCased(call.headers);
  const base = { call, headers, requestId: requestIdOf(headers[REQUEST_ID_HEADER]), operation: { name: null } };
  let body = bodies.get(call.body);
  if (!body) bodies.set(call.body, (body = { id: bodies.size, digest: bodyDigest(call.body) }));
  let identity: Identity;
  try {
    identity = signedCallIdentity(verify, call.body, headers, body.digest);
  } catch (error) {
    return { ...base, unsigned: (error as Error).message };
  }
  const facts = (body.facts ??= factsOf(call.body));
  if (facts.refusal) return { ...base, refusal: facts.refusal };
  const { operation } = facts;
  const groupKey = facts.runsQuery ? JSON.stringify([body.id, identity.org, identity.roles, answerHeaders(headers)]) : undefined;
  return { ...base, operation, identity, groupKey };
}

/**
 * Runs one call through Apollo Server (as `/graphql` would) in `context`, on its own parse of its
 * body. An unsigned call's body is not parsed: Apollo Server creates the context (which refuses it)
 * before it reads the body.
 */
async function execute<C extends BaseContext>(route: BatchRoute<C>, c: Checked, context: () => Promise<C>): Promise<BatchedAnswer> {
  const started = performance.now();
  const headers = new HeaderMap(Object.entries(c.headers));
  headers.set("content-type", "application/json");
  const response = await route.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: "POST", headers, search: "", body: c.identity ? (JSON.parse(c.call.body) as unknown) : null },
    context,
  });
  const status = response.status ?? 200;
  // A call that failed is logged at info (traceable by its request id at the default level); one that was answered, at debug.
  logger[status < 400 ? "debug" : "info"]("request served", {
    subgraph: route.name,
    status,
    batched: true,
    ms: Math.round(performance.now() - started),
  });
  if (response.body.kind !== "complete") return batchRefusal("一括呼び出しでは分割された応答を返せません。", "BAD_REQUEST");
  // An answer no one may keep says so in the batch as it would in its header alone.
  return { status, body: response.body.string, ...(response.headers.get(NOT_KEPT_HEADER) && { notKept: true as const }) };
}

/** One call alone, under its request id: its own context (or UNAUTHENTICATED, as alone). */
function runAlone<C extends BaseContext>(route: BatchRoute<C>, c: Checked): Promise<BatchedAnswer> {
  return requestContext.run({ requestId: c.requestId }, () =>
    execute(route, c, async () => {
      if (!c.identity) throw unauthenticated(c.unsigned ?? "unsigned");
      return route.createContext(c.identity, c.operation);
    }),
  );
}

/** An answer without errors: only such an answer is given to anyone it was not run for. */
function answeredCleanly(answer: BatchedAnswer): boolean {
  if (answer.status !== 200) return false;
  try {
    const parsed = JSON.parse(answer.body) as { errors?: unknown };
    return parsed.errors === undefined;
  } catch {
    return false;
  }
}

/**
 * Calls of the same query bytes for people of one organisation and roles: run once for the first;
 * its answer is each other's the subgraph says is exactly theirs (having written what it records for
 * them); everyone else, or everyone when the answer holds errors or the decision fails, runs alone.
 */
async function runAlike<C extends BaseContext>(route: BatchRoute<C>, members: Checked[]): Promise<BatchedAnswer[]> {
  const [first, ...others] = members as [Checked, ...Checked[]];
  let group: ReturnType<CreateGroupContext<C>> | undefined;
  const answer = await requestContext.run({ requestId: first.requestId }, () =>
    execute(route, first, async () => (group = route.createGroupContext(first.identity!, first.operation)).context),
  );
  let alike = others.map(() => false);
  if (group && answeredCleanly(answer)) {
    try {
      alike = await requestContext.run({ requestId: first.requestId }, () => group!.answerAlike(others.map((o) => o.identity!)));
    } catch (error) {
      logger.warn("answer alike not decided: each runs alone", { subgraph: route.name, error: safeError(error) });
    }
  }
  let shared = 0;
  others.forEach((o, i) => {
    if (!alike[i]) return;
    shared++;
    requestContext.run({ requestId: o.requestId }, () =>
      logger.debug("request served", { subgraph: route.name, status: answer.status, batched: true, alike: true }),
    );
  });
  if (shared) metrics.answersAlike.inc({ operation: operationLabel(first.operation.name) }, shared);
  return [answer, ...(await Promise.all(others.map((o, i) => (alike[i] ? answer : runAlone(route, o)))))];
}
