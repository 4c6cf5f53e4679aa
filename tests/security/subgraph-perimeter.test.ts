import { createRequire } from "node:module";
import type { parse as graphqlParse } from "graphql";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import {
  batchUrlOf,
  IDENTITY_HEADER,
  packBatch,
  SIGNATURE_HEADER,
  signIdentity,
  unpackBodies,
  type BatchedCall,
  type BatchReply,
} from "@marugoto/shared";
import { directorySubgraph } from "../../subgraphs/directory/src/subgraph.js";
import { post, signedConnectionParams } from "../helpers/client.js";
import { TEST_SECRET } from "../helpers/stack.js";
import { startSubgraph, type TestSubgraph } from "../helpers/subgraph.js";

/**
 * A subgraph's perimeter against a caller inside the network without the gateway's signature: its
 * batch route reads no body it was not signed for, and its graphql-ws side bounds a message's size;
 * and against NUL in a signed call, in a batch or on a subscription.
 */

const require = createRequire(import.meta.url);
/** Where graphql's `parse` lives: every `parse` imported from "graphql" reads it from here when called. */
const parser = require("graphql/language/parser") as { parse: typeof graphqlParse };

const MIB = 1_048_576;
const staff = { sub: "perimeter", org: "seikatsu-fukushi", roles: ["staff"] };

let subgraph: TestSubgraph;
let wsUrl: string;
beforeAll(async () => {
  subgraph = await startSubgraph(directorySubgraph);
  wsUrl = subgraph.running.url.replace(/^http/, "ws");
});
afterAll(() => subgraph?.close());
afterEach(() => void vi.restoreAllMocks());

/** A body as the gateway would send it, and headers signed for it (good once). */
function signedCall(query: string): BatchedCall {
  const body = JSON.stringify({ query, variables: {} });
  const signed = signIdentity(staff, TEST_SECRET, { kind: "http", subgraph: directorySubgraph.name, body });
  return { body, headers: { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature } };
}

/** Sends `calls` as one batch, each distinct body once (as the gateway does); each call's answer, in order. */
async function batch(calls: BatchedCall[]) {
  const res = await fetch(batchUrlOf(subgraph.running.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(packBatch(calls)),
  });
  expect(res.status).toBe(200);
  const reply = (await res.json()) as BatchReply;
  return unpackBodies(reply.results, reply.bodies)!.map((r) => ({ status: r.status, answer: JSON.parse(r.body) as Record<string, any> }));
}

/** A deep document of its own: each is a distinct body, costly to parse. */
const deepDocument = (i: number) => `query Deep${i} { ${"organizations { members { ".repeat(60)}id${" }".repeat(120)} }`;

describe("an unsigned call in a batch", () => {
  it("is refused as it would be alone, its body never parsed; a signed call beside it is answered", async () => {
    const unsignedQueries = Array.from({ length: 300 }, (_, i) => deepDocument(i));
    const unsigned: BatchedCall[] = unsignedQueries.map((query) => ({ body: JSON.stringify({ query, variables: {} }), headers: {} }));
    // Bodies that would be refused for what they hold (not JSON; a NUL), were they read.
    unsigned.push({ body: "{ not json", headers: {} }, { body: JSON.stringify({ query: '{ a(b: "\u0000") }' }), headers: {} });
    // Signed for its body, with a signature that is not the gateway's.
    const forged = signedCall(`query Forged { __typename }`);
    forged.headers[SIGNATURE_HEADER] = "x".repeat(43);
    const SIGNED = `query Signed { __typename }`;
    const graphqlParses = vi.spyOn(parser, "parse");
    const jsonParses = vi.spyOn(JSON, "parse");
    const answers = await batch([signedCall(SIGNED), ...unsigned, forged, signedCall(SIGNED)]);
    const parsedDocuments = graphqlParses.mock.calls.map(([source]) => (typeof source === "string" ? source : source.body));
    const parsedTexts = new Set(jsonParses.mock.calls.map(([text]) => text));
    vi.restoreAllMocks();

    // The route's parses are seen (the signed document was parsed), and none of an unsigned body, as JSON or GraphQL.
    expect(parsedDocuments).toContain(SIGNED);
    expect(parsedDocuments.filter((d) => d.startsWith("query Deep") || d.includes("Forged")).length).toBe(0);
    expect([...unsigned, forged].filter((c) => parsedTexts.has(c.body)).length).toBe(0);

    // The signed calls (one body, two signatures) are answered; every other call is refused on its own,
    // as the same call alone on `/graphql` is: 401, UNAUTHENTICATED, for the same reason.
    expect([answers[0], answers.at(-1)]).toEqual(Array(2).fill({ status: 200, answer: { data: { __typename: "Query" } } }));
    const refused = answers.slice(1, -1);
    expect(refused).toHaveLength(unsigned.length + 1);
    for (const { status, answer } of refused) {
      expect(status).toBe(401);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0].extensions).toEqual({ code: "UNAUTHENTICATED" });
    }
    const alone = await post(subgraph.running.url, unsignedQueries[0]!);
    expect(alone.status).toBe(401);
    expect(refused[0]!.answer.errors[0].message).toContain(alone.errors![0]!.message);
  });
});

/**
 * Opens a graphql-ws socket to the subgraph; `onOpen` says what it sends. Resolves with how it ended:
 * its close code, "acknowledged" (connection_ack), or "open" when nothing came within `ms`.
 */
function socketOutcome(onOpen: (socket: WebSocket) => void, ms: number) {
  return new Promise<{ outcome: number | "acknowledged" | "open"; ms: number }>((resolve) => {
    const socket = new WebSocket(wsUrl, "graphql-transport-ws");
    const started = Date.now();
    const give = (outcome: number | "acknowledged" | "open") => {
      clearTimeout(timer);
      resolve({ outcome, ms: Date.now() - started });
      socket.close();
    };
    const timer = setTimeout(() => give("open"), ms);
    socket.on("open", () => onOpen(socket));
    socket.on("message", (data) => (JSON.parse(String(data)) as { type: string }).type === "connection_ack" && give("acknowledged"));
    socket.on("error", () => {});
    socket.on("close", (code) => give(code));
  });
}

const init = (padding = 0) =>
  JSON.stringify({
    type: "connection_init",
    payload: { ...signedConnectionParams(directorySubgraph.name, staff, TEST_SECRET), padding: "x".repeat(padding) },
  });

describe("a subgraph's graphql-ws socket", () => {
  it("is closed (1009) by a message over the body limit, unread; one under the limit is read; the subgraph still answers", async () => {
    expect((await socketOutcome((socket) => socket.send(init(MIB + 1)), 10_000)).outcome).toBe(1009);
    expect((await socketOutcome((socket) => socket.send(init(MIB - 4096)), 10_000)).outcome).toBe("acknowledged");
    expect((await subgraph.query(`{ __typename }`)).data).toEqual({ __typename: "Query" });
  });
});

/** A batch call signed for its body, with its own variables. */
function signedCallWith(query: string, variables: Record<string, unknown>): BatchedCall {
  const body = JSON.stringify({ query, variables });
  const signed = signIdentity(staff, TEST_SECRET, { kind: "http", subgraph: directorySubgraph.name, body });
  return { body, headers: { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature } };
}

/** Subscribes on a signed graphql-ws socket; the first answer to the subscription (`next` or `error`). */
function firstAnswer(payload: Record<string, unknown>) {
  return new Promise<{ type: string; payload: any }>((resolve, reject) => {
    const socket = new WebSocket(wsUrl, "graphql-transport-ws");
    const timer = setTimeout(() => (socket.close(), reject(new Error("no answer"))), 10_000);
    socket.on("open", () => socket.send(init()));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload: unknown };
      if (message.type === "connection_ack") socket.send(JSON.stringify({ id: "1", type: "subscribe", payload }));
      if (message.type === "next" || message.type === "error") {
        clearTimeout(timer);
        resolve({ type: message.type, payload: message.payload as any });
        socket.close();
      }
    });
    socket.on("error", () => {});
  });
}

describe("NUL in a signed call", () => {
  const NUL = { message: "入力に使用できない文字（NUL）が含まれています。", extensions: { code: "BAD_USER_INPUT" } };

  it("is refused in a batch, in a variable or written as an escape, and its neighbour is answered", async () => {
    const ORG = `query ($c: String!) { organization(code: $c) { code } }`;
    const answers = await batch([
      signedCallWith(ORG, { c: "a\u0000b" }),
      signedCallWith(`{ organization(code: "a\\u0000b") { code } }`, {}),
      signedCallWith(`{ organization(code: "a\\u{0}b") { code } }`, {}),
      signedCallWith(ORG, { c: "nozei" }),
    ]);
    expect(answers.slice(0, 3)).toEqual(Array(3).fill({ status: 400, answer: { errors: [NUL] } }));
    expect(answers[3]).toEqual({ status: 200, answer: { data: { organization: { code: "nozei" } } } });
  });

  it("is refused on a subscription, in a variable or written as an escape, before the document is validated", async () => {
    const clean = await firstAnswer({ query: `subscription { referenceDataChanged { __typename } }` });
    expect(clean.type).toBe("next");
    // Neither document would pass validation (a variable never used; an argument the field lacks):
    // the NUL is found first, so the refusal says NUL, not what validation would say.
    const inVariable = await firstAnswer({
      query: `subscription ($x: String) { referenceDataChanged { __typename } }`,
      variables: { x: "a\u0000b" },
    });
    const inText = await firstAnswer({ query: `subscription { referenceDataChanged(x: "a\\u{0}b") { __typename } }` });
    for (const answer of [inVariable, inText]) expect(answer).toEqual({ type: "error", payload: [NUL] });
  });
});
