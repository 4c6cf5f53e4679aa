import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { watchedGroupContext, watchedIdentity } from "./answer-alike.js";
import { batchUrlOf, packBatch, unpackBodies, type BatchReply } from "./batch.js";
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity, type Identity } from "./identity.js";
import { metrics } from "./metrics.js";
import { markNotKept } from "./response-cache.js";
import { startSubgraphServer, type RunningServer } from "./server.js";

const SECRET = "batch-route-test-secret-0123456789abcdef";
/** The name this subgraph boots with: every call is signed for it unless a test says otherwise. */
const SUBGRAPH = "batch-route-test";

/** A subgraph of three fields: the caller's organisation, roles and (personal) name. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, { identity: Identity }>({
    name: "Query",
    fields: {
      org: { type: GraphQLString, resolve: (_s, _a, { identity }) => identity.org },
      roles: { type: new GraphQLList(GraphQLString), resolve: (_s, _a, { identity }) => identity.roles },
      me: { type: GraphQLString, resolve: (_s, _a, { identity }) => identity.sub },
      /** An answer no one may keep (as case contents are). */
      unkept: {
        type: GraphQLString,
        resolve: () => {
          markNotKept();
          return "今だけ";
        },
      },
      fails: {
        type: GraphQLString,
        resolve: () => {
          throw new Error("失敗");
        },
      },
    },
  }),
  mutation: new GraphQLObjectType<unknown, { identity: Identity }>({
    name: "Mutation",
    fields: { touch: { type: GraphQLString, resolve: (_s, _a, { identity }) => identity.org } },
  }),
});

let server: RunningServer;
const contexts: Identity[] = [];
beforeAll(async () => {
  server = await startSubgraphServer({
    name: SUBGRAPH,
    schema,
    host: "127.0.0.1",
    port: 0,
    production: false,
    identitySecret: SECRET,
    identityMaxAgeMs: 60_000,
    createContext: (identity) => {
      contexts.push(identity);
      return { identity };
    },
  });
});
afterAll(() => server?.stop());

const alikeCount = async () => (await metrics.answersAlike.get()).values.reduce((n, v) => n + v.value, 0);

async function batch(
  query: string,
  people: Identity[],
  options: {
    operationName?: string;
    headers?: (i: number) => Record<string, string>;
    nameCase?: (name: string) => string;
    /** The subgraph each call is signed for (this one by default). */
    subgraph?: (i: number) => string;
  } = {},
) {
  const body = JSON.stringify({ query, operationName: options.operationName });
  const calls = people.map((identity, i) => {
    const signed = signIdentity(identity, SECRET, { kind: "http", subgraph: options.subgraph?.(i) ?? SUBGRAPH, body });
    const headers = { ...options.headers?.(i), [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature };
    const named = options.nameCase ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [options.nameCase!(k), v])) : headers;
    return { headers: named, body };
  });
  contexts.length = 0;
  const before = await alikeCount();
  // As the gateway sends it: each distinct body once; answered the same way.
  const sent = packBatch(calls);
  expect(sent.bodies).toHaveLength(1);
  const res = await fetch(batchUrlOf(server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(sent),
  });
  const reply = (await res.json()) as BatchReply;
  const results = unpackBodies(reply.results, reply.bodies)!;
  return {
    statuses: results.map((r) => r.status),
    notKept: results.map((r) => r.notKept ?? false),
    answers: results.map((r) => JSON.parse(r.body) as { data?: Record<string, unknown> }),
    alike: (await alikeCount()) - before,
    runs: contexts.length,
    distinctBodies: reply.bodies?.length,
  };
}

const staff = (sub: string, org = "koho", roles = ["staff"]): Identity => ({ sub, org, roles });

describe("alike calls of a batch", () => {
  it("runs a query that reads nothing of the person once for everyone of one organisation and roles", async () => {
    const people = [staff("a"), staff("b"), staff("c"), staff("d", "nozei"), staff("e", "koho", ["staff", "chair"])];
    const { answers, alike, runs, distinctBodies } = await batch(`{ org roles }`, people);
    expect(answers.map((a) => a.data)).toEqual(people.map(({ org, roles }) => ({ org, roles })));
    // koho staff: one run for three; 納税課 and the chair, their own. Three distinct answers sent.
    expect([runs, alike, distinctBodies]).toEqual([3, 2, 3]);
  });

  it("runs a query that reads the person for each of them", async () => {
    const people = [staff("a"), staff("b"), staff("c")];
    const { answers, alike, runs } = await batch(`{ org me }`, people);
    expect(answers.map((a) => a.data)).toEqual(people.map(({ org, sub }) => ({ org, me: sub })));
    expect([runs, alike]).toEqual([3, 0]);
  });

  it("runs a mutation for each caller, whatever it reads", async () => {
    const { answers, alike, runs } = await batch(`mutation { touch }`, [staff("a"), staff("b")]);
    expect(answers.map((a) => a.data)).toEqual([{ touch: "koho" }, { touch: "koho" }]);
    expect([runs, alike]).toEqual([2, 0]);
  });

  it("runs the operation the call names: a query of a document with a mutation beside it once, the mutation for each", async () => {
    const document = `query Q { org } mutation M { touch }`;
    const query = await batch(document, [staff("a"), staff("b")], { operationName: "Q" });
    expect([query.runs, query.alike]).toEqual([1, 1]);
    const mutation = await batch(document, [staff("a"), staff("b")], { operationName: "M" });
    expect(mutation.answers.map((a) => a.data)).toEqual([{ touch: "koho" }, { touch: "koho" }]);
    expect([mutation.runs, mutation.alike]).toEqual([2, 0]);
  });

  it("runs once only calls that agree on every header but their signature and request id", async () => {
    const { runs, alike } = await batch(`{ org }`, [staff("a"), staff("b"), staff("c"), staff("d")], {
      headers: (i) => ({ "x-request-id": `r-${i}`, ...(i === 3 ? { "x-marugoto-fresh-read": "1" } : {}) }),
    });
    // a, b, c agree (their request ids are their own); d asks for a fresh read: its own run.
    expect([runs, alike]).toEqual([2, 2]);
  });

  it("reads header names in any case, as HTTP does: a capitalised signature is still checked and its identity used", async () => {
    const capitalised = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    const people = [staff("a"), staff("b"), staff("c", "nozei")];
    const { answers, runs, alike } = await batch(`{ org me }`, people, {
      nameCase: capitalised,
      headers: (i) => ({ "x-request-id": `r-${i}` }),
    });
    expect(answers.map((a) => a.data)).toEqual(people.map(({ org, sub }) => ({ org, me: sub })));
    expect([runs, alike]).toEqual([3, 0]);
  });

  it("says of each answer no one may keep that it is one, as its header would alone; of no other", async () => {
    const people = [staff("a"), staff("b"), staff("c", "nozei")];
    const unkept = await batch(`{ org unkept }`, people);
    expect(unkept.answers.map((a) => a.data?.unkept)).toEqual(["今だけ", "今だけ", "今だけ"]);
    expect([unkept.notKept, unkept.alike]).toEqual([[true, true, true], 1]);
    expect((await batch(`{ org }`, people)).notKept).toEqual([false, false, false]);
  });

  it("gives no one an answer that holds errors", async () => {
    const { answers, alike, runs } = await batch(`{ org fails }`, [staff("a"), staff("b")]);
    expect(answers.map((a) => a.data)).toEqual([
      { org: "koho", fails: null },
      { org: "koho", fails: null },
    ]);
    expect([runs, alike]).toEqual([2, 0]);
  });
});

describe("a batch's signatures", () => {
  it("refuse a call signed for another subgraph, unrun, beside calls signed for this one", async () => {
    const people = [staff("a"), staff("b"), staff("c")];
    const { statuses, answers, runs } = await batch(`{ org me }`, people, { subgraph: (i) => (i === 1 ? "cases" : SUBGRAPH) });
    expect(statuses).toEqual([200, 401, 200]);
    expect(answers[1]).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    expect(JSON.stringify(answers[1])).toContain("wrong subgraph");
    expect([answers[0]!.data, answers[2]!.data]).toEqual([
      { org: "koho", me: "a" },
      { org: "koho", me: "c" },
    ]);
    expect(runs).toBe(2);
  });
});

describe("bodies by place", () => {
  it("names a body only by its place in a list of texts", () => {
    expect(unpackBodies([{ body: 1 }, { body: "own" }], ["a", "b"])).toEqual([{ body: "b" }, { body: "own" }]);
    expect(unpackBodies([{ body: 2 }], ["a", "b"])).toBeNull();
    expect(unpackBodies([{ body: 0 }], "ab" as unknown as string[])).toBeNull();
    expect(unpackBodies([{ body: 0 }], undefined)).toBeNull();
  });
});

describe("watchedIdentity", () => {
  it("says the person was read by any read of `sub`, and by nothing else", () => {
    const watch = watchedIdentity(staff("a"));
    expect([watch.identity.org, watch.identity.roles, watch.personal()]).toEqual(["koho", ["staff"], false]);
    expect(JSON.stringify(watch.identity)).toContain('"sub":"a"');
    expect(watch.personal()).toBe(true);
    expect(watchedIdentity(staff("b")).identity.sub).toBe("b");
  });

  it("shares a run only when the context read nothing of the person", async () => {
    const reads = watchedGroupContext((identity) => ({ key: identity.sub }))(staff("a"), { name: null });
    expect(await reads.answerAlike([staff("b")])).toEqual([false]);
    const readsNot = watchedGroupContext((identity) => ({ org: identity.org }))(staff("a"), { name: null });
    expect(await readsNot.answerAlike([staff("b"), staff("c")])).toEqual([true, true]);
  });
});
