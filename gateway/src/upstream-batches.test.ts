import { getEventListeners } from "node:events";
import { Agent } from "node:http";
import { describe, expect, it } from "vitest";
import { NOT_KEPT_HEADER, packReply, unpackBodies, type BatchRequest } from "@marugoto/shared/core";
import { UpstreamBatches } from "./upstream-batches.js";

const URL_A = "http://127.0.0.1:1/graphql";
const URL_B = "http://127.0.0.1:2/graphql";

/** A subgraph's batch route as the test scripts it: records each batch, answers each call with its own body echoed. */
function fakeSubgraph(answer?: (calls: { headers: Record<string, string>; body: string }[]) => Response) {
  const posts: { url: string; calls: { headers: Record<string, string>; body: string }[]; bodies: number }[] = [];
  const fetchFn = async (url: string, init: Record<string, unknown>) => {
    const sent = JSON.parse(init.body as string) as BatchRequest;
    const calls = unpackBodies(sent.calls, sent.bodies)!;
    posts.push({ url, calls, bodies: sent.bodies?.length ?? calls.length });
    if (answer) return answer(calls);
    return Response.json({
      results: calls.map((c) => ({ status: 200, body: JSON.stringify({ data: { echo: c.body, who: c.headers["x-who"] } }) })),
    });
  };
  return { posts, fetchFn };
}

const call = (who: string, body: string) => ({ headers: { "x-who": who }, body });

describe("a subscription event's calls sent together", () => {
  it("sends the calls of one turn to each subgraph in one request, each with its own headers, and hands each its own answer", async () => {
    const batches = new UpstreamBatches(new Agent());
    const { posts, fetchFn } = fakeSubgraph();
    const answers = await Promise.all([
      batches.send(fetchFn, URL_A, call("a", "1")),
      batches.send(fetchFn, URL_A, call("b", "2")),
      batches.send(fetchFn, URL_B, call("c", "3")),
      batches.send(fetchFn, URL_A, call("d", "4")),
    ]);
    expect(posts.map((p) => [p.url, p.calls.map((c) => c.headers["x-who"])])).toEqual([
      [`${URL_A}/batch`, ["a", "b", "d"]],
      [`${URL_B}/batch`, ["c"]],
    ]);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([
      { data: { echo: "1", who: "a" } },
      { data: { echo: "2", who: "b" } },
      { data: { echo: "3", who: "c" } },
      { data: { echo: "4", who: "d" } },
    ]);
    // A later turn starts a new batch.
    await batches.send(fetchFn, URL_A, call("e", "5"));
    expect(posts).toHaveLength(3);
  });

  it("sends each distinct body once, and reads answers sent once for many", async () => {
    const batches = new UpstreamBatches(new Agent());
    const { posts, fetchFn } = fakeSubgraph((calls) =>
      Response.json(packReply(calls.map((c) => ({ status: 200, body: JSON.stringify({ data: { echo: c.body } }) })))),
    );
    const answers = await Promise.all(["a", "b", "c"].map((who, i) => batches.send(fetchFn, URL_A, call(who, i === 2 ? "other" : "same"))));
    expect(posts.map((p) => [p.calls.map((c) => `${c.headers["x-who"]}:${c.body}`), p.bodies])).toEqual([
      [["a:same", "b:same", "c:other"], 2],
    ]);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([
      { data: { echo: "same" } },
      { data: { echo: "same" } },
      { data: { echo: "other" } },
    ]);
  });

  it("splits a turn's calls into batches of at most the bound, in order", async () => {
    const batches = new UpstreamBatches(new Agent(), 2);
    const { posts, fetchFn } = fakeSubgraph();
    await Promise.all(["a", "b", "c", "d", "e"].map((who, i) => batches.send(fetchFn, URL_A, call(who, String(i)))));
    expect(posts.map((p) => p.calls.map((c) => c.headers["x-who"]))).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("keeps each call's own status", async () => {
    const batches = new UpstreamBatches(new Agent());
    const { fetchFn } = fakeSubgraph((calls) =>
      Response.json({ results: calls.map((c) => ({ status: c.headers["x-who"] === "refused" ? 401 : 200, body: "{}" })) }),
    );
    const [ok, refused] = await Promise.all([
      batches.send(fetchFn, URL_A, call("ok", "1")),
      batches.send(fetchFn, URL_A, call("refused", "2")),
    ]);
    expect([ok.status, refused.status]).toEqual([200, 401]);
  });

  it("gives an answer the subgraph says no one may keep the header it would have carried alone", async () => {
    const batches = new UpstreamBatches(new Agent());
    const { fetchFn } = fakeSubgraph((calls) =>
      Response.json(
        packReply(calls.map((c) => ({ status: 200, body: "{}", ...(c.headers["x-who"] === "unkept" && { notKept: true as const }) }))),
      ),
    );
    const [kept, unkept] = await Promise.all([
      batches.send(fetchFn, URL_A, call("kept", "1")),
      batches.send(fetchFn, URL_A, call("unkept", "2")),
    ]);
    expect([kept.headers.get(NOT_KEPT_HEADER), unkept.headers.get(NOT_KEPT_HEADER)]).toEqual([null, "1"]);
  });

  it("fails every call of a batch the subgraph refused or answered with the wrong number of results", async () => {
    const batches = new UpstreamBatches(new Agent());
    const refused = fakeSubgraph(() => new Response("no", { status: 404 }));
    const results = await Promise.allSettled([
      batches.send(refused.fetchFn, URL_A, call("a", "1")),
      batches.send(refused.fetchFn, URL_A, call("b", "2")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const short = fakeSubgraph(() => Response.json({ results: [{ status: 200, body: "{}" }] }));
    const shortResults = await Promise.allSettled([
      batches.send(short.fetchFn, URL_A, call("a", "1")),
      batches.send(short.fetchFn, URL_A, call("b", "2")),
    ]);
    expect(shortResults.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("gives up on a call whose own signal aborts, and still answers the others of its batch", async () => {
    const batches = new UpstreamBatches(new Agent());
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { fetchFn } = fakeSubgraph();
    const slow = async (url: string, init: Record<string, unknown>) => (await held, fetchFn(url, init));
    const abort = new AbortController();
    const gone = batches.send(slow, URL_A, call("gone", "1"), abort.signal);
    const kept = batches.send(slow, URL_A, call("kept", "2"));
    abort.abort(new Error("client went away"));
    await expect(gone).rejects.toThrow("client went away");
    release();
    expect(await (await kept).json()).toEqual({ data: { echo: "2", who: "kept" } });
  });

  it("listens once per signal while a batch is out, and not after: calls sharing a stream's signal add no listener each", async () => {
    const batches = new UpstreamBatches(new Agent());
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { fetchFn } = fakeSubgraph();
    let listening = -1;
    const shared = new AbortController().signal;
    const slow = async (url: string, init: Record<string, unknown>) => {
      listening = getEventListeners(shared, "abort").length;
      await held;
      return fetchFn(url, init);
    };
    const sent = Promise.all(["a", "b", "c"].map((who) => batches.send(slow, URL_A, call(who, who), shared)));
    await new Promise((r) => setImmediate(r));
    release();
    await sent;
    expect(listening).toBe(1);
    expect(getEventListeners(shared, "abort")).toHaveLength(0);
  });
});
