import { readFileSync } from "node:fs";
import { buildASTSchema, GraphQLError, parse, type ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_SUPERGRAPH_PATH } from "./server.js";
import { describeSubscription, givesState, STATE_SUBSCRIPTIONS, SubscriptionGroups } from "./subscription-groups.js";

describe("what a subscription request is, for grouping", () => {
  const Q = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor } }`;
  const D = `subscription ($id: ID!, $after: String = "ZToxMA") { agendaChanged(meetingId: $id, after: $after) { cursor } }`;

  it("resumes when `after` has a value: literal, variable, or a variable's default", () => {
    expect(describeSubscription({ query: Q, variables: { id: "m", after: "ZToxMA" } })?.resumes).toBe(true);
    expect(describeSubscription({ query: `subscription { agendaChanged(meetingId: "m", after: "ZToxMA") { cursor } }` })?.resumes).toBe(
      true,
    );
    // An omitted variable with a default resumes from the default (a replay: never handed to a later joiner).
    expect(describeSubscription({ query: D, variables: { id: "m" } })?.resumes).toBe(true);
  });

  it("resumes when `after` is given inside a root fragment, inline or spread", () => {
    expect(
      describeSubscription({ query: `subscription { ... on Subscription { agendaChanged(meetingId: "m", after: "ZToxMA") { cursor } } }` })
        ?.resumes,
    ).toBe(true);
    expect(
      describeSubscription({
        query: `subscription S($a: String) { ...F } fragment F on Subscription { agendaChanged(meetingId: "m", after: $a) { cursor } }`,
        variables: { a: "ZToxMA" },
      })?.resumes,
    ).toBe(true);
  });

  it("does not resume without a value", () => {
    expect(describeSubscription({ query: Q, variables: { id: "m" } })?.resumes).toBe(false);
    expect(describeSubscription({ query: Q, variables: { id: "m", after: null } })?.resumes).toBe(false);
    expect(describeSubscription({ query: D, variables: { id: "m", after: null } })?.resumes).toBe(false);
  });

  it("keys a request that asks for the end-of-replay mark apart from one that does not", () => {
    const groups = new SubscriptionGroups();
    const M = `subscription ($id: ID!, $after: String, $mark: Boolean) { agendaChanged(meetingId: $id, after: $after, markCaughtUp: $mark) { cursor } }`;
    const key = (query: string, variables: Record<string, unknown>) => groups.keyOf({ query, variables }, () => "nozei|staff")?.key;
    const marked = key(M, { id: "m", after: "ZToxMA", mark: true });
    expect(key(M, { id: "m", after: "ZToxMA", mark: true })).toBe(marked);
    expect(
      new Set([
        marked,
        key(M, { id: "m", after: "ZToxMA" }),
        key(M, { id: "m", after: "ZToxMA", mark: false }),
        key(Q, { id: "m", after: "ZToxMA" }),
      ]).size,
    ).toBe(4);
  });

  it("is not a subscription for a query", () => {
    expect(describeSubscription({ query: `{ __typename }` })).toBeUndefined();
  });
});

/** An upstream subscription driven by the test: `emit` a result, `fail` it, see whether it was closed. */
function upstream() {
  const queue: ExecutionResult[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const state = { closed: false };
  const iterable: AsyncIterable<ExecutionResult> = {
    [Symbol.asyncIterator]: () => ({
      async next() {
        for (;;) {
          if (state.closed) return { value: undefined, done: true };
          const value = queue.shift();
          if (value) return { value, done: false };
          if (failure) throw failure;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      async return() {
        state.closed = true;
        wake?.();
        return { value: undefined, done: true };
      },
    }),
  };
  return {
    iterable,
    state,
    emit: (n: number) => (queue.push({ data: { n } }), wake?.()),
    emitResult: (result: ExecutionResult) => (queue.push(result), wake?.()),
    fail: () => ((failure = new Error("socket hang up")), wake?.()),
  };
}

const take = async (source: unknown, count: number) => {
  const iterator = (source as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  const got: ExecutionResult[] = [];
  while (got.length < count) got.push((await iterator.next()).value as ExecutionResult);
  return { got, iterator };
};
const numbers = (results: ExecutionResult[]) => results.map((r) => (r.data as { n: number } | undefined)?.n);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("state subscriptions", () => {
  it("are exactly the graph's subscription fields that take no `after` (every event stream takes one)", () => {
    const schema = buildASTSchema(parse(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8")), { assumeValidSDL: true });
    const fields = Object.values(schema.getSubscriptionType()!.getFields());
    expect(fields.length).toBeGreaterThan(STATE_SUBSCRIPTIONS.size);
    expect(new Set(fields.filter((f) => !f.args.some((a) => a.name === "after")).map((f) => f.name))).toEqual(STATE_SUBSCRIPTIONS);
    expect(givesState(parse(`subscription W { referenceDataChanged { generation } }`))).toBe(true);
    expect(givesState(parse(`subscription A { agendaChanged(meetingId: "m") { cursor } }`))).toBe(false);
  });

  it("a state's group gives a joiner its latest value at once; an event stream's group gives only what follows", async () => {
    for (const state of [true, false]) {
      const groups = new SubscriptionGroups();
      const up = upstream();
      const first = await groups.subscribe("k", false, () => up.iterable, state);
      up.emit(1);
      await take(first, 1);
      const late = await groups.subscribe("k", false, () => up.iterable, state);
      up.emit(2);
      expect(numbers((await take(late, state ? 2 : 1)).got)).toEqual(state ? [1, 2] : [2]);
    }
  });
});

describe("merged subscription groups", () => {
  const request = { query: `subscription ($id: ID!) { agendaChanged(meetingId: $id) { cursor } }`, variables: { id: "m" } };

  it("keys a group on document, variables and scope: different scopes never share", () => {
    const groups = new SubscriptionGroups();
    const a = groups.keyOf(request, () => "nozei|staff")!;
    expect(groups.keyOf(request, () => "nozei|staff")!.key).toBe(a.key);
    expect(groups.keyOf(request, () => "nozei|chair,staff")!.key).not.toBe(a.key);
    expect(groups.keyOf(request, () => "nozei|staff|u1")!.key).not.toBe(a.key);
    expect(groups.keyOf({ ...request, variables: { id: "other" } }, () => "nozei|staff")!.key).not.toBe(a.key);
    expect(groups.keyOf({ query: "{ __typename }" }, () => "x")).toBeUndefined();
  });

  it("runs one upstream for every member and hands each event to all of them", async () => {
    const groups = new SubscriptionGroups();
    const up = upstream();
    let starts = 0;
    const start = () => (starts++, up.iterable);
    const first = await groups.subscribe("k", false, start);
    const second = await groups.subscribe("k", false, start);
    expect(starts).toBe(1);
    expect(groups.stats()).toEqual({ groups: 1, members: 2 });
    up.emit(1);
    up.emit(2);
    expect(numbers((await take(first, 2)).got)).toEqual([1, 2]);
    expect(numbers((await take(second, 2)).got)).toEqual([1, 2]);
  });

  it("after an error that ends the stream, a newcomer starts a new group instead of joining one about to end in silence", async () => {
    const groups = new SubscriptionGroups();
    const up = upstream();
    let starts = 0;
    const start = () => (starts++, up.iterable);
    const first = await groups.subscribe("k", false, start);
    // As a broken upstream reaches the group (upstream-requests.ts): the error as a result, the end after it.
    up.emitResult({ errors: [new GraphQLError("購読が中断されました。", { extensions: { code: "SUBSCRIPTION_INTERRUPTED" } })] });
    expect((await take(first, 1)).got[0]!.errors?.[0]?.extensions?.code).toBe("SUBSCRIPTION_INTERRUPTED");
    await groups.subscribe("k", false, start);
    expect(starts).toBe(2);
  });

  it("closes the upstream when the last member leaves, and starts a new one for the next", async () => {
    const groups = new SubscriptionGroups();
    const up = upstream();
    const a = (await groups.subscribe("k", false, () => up.iterable)) as AsyncIterableIterator<ExecutionResult>;
    const b = (await groups.subscribe("k", false, () => up.iterable)) as AsyncIterableIterator<ExecutionResult>;
    await a.return!();
    expect(up.state.closed).toBe(false);
    expect(groups.stats()).toEqual({ groups: 1, members: 1 });
    await b.return!();
    expect(up.state.closed).toBe(true);
    expect(groups.stats()).toEqual({ groups: 0, members: 0 });
    let started = false;
    const next = upstream();
    await groups.subscribe("k", false, () => ((started = true), next.iterable));
    expect(started).toBe(true);
  });

  it("lets a resumed stream be joined only until its replay begins, then starts a joiner's own upstream; a live stream gives only what follows", async () => {
    const groups = new SubscriptionGroups();
    const resumed = upstream();
    let starts = 0;
    const start = () => (starts++, resumed.iterable);
    const first = await groups.subscribe("resumed", true, start);
    const early = await groups.subscribe("resumed", true, start);
    expect(starts).toBe(1);
    resumed.emit(1);
    resumed.emit(2);
    expect(numbers((await take(early, 2)).got)).toEqual([1, 2]);
    await take(first, 2);
    // Its replay has begun: nothing of it is kept for, or handed to, a later request of the same scope,
    // which the subgraph must let in itself (its own upstream, its own check, its own replay).
    const own = upstream();
    const late = await groups.subscribe("resumed", true, () => (starts++, own.iterable));
    expect(starts).toBe(2);
    resumed.emit(3);
    own.emit(7);
    expect(numbers((await take(late, 1)).got)).toEqual([7]);
    expect(numbers((await take(first, 1)).got)).toEqual([3]);

    const live = upstream();
    const one = await groups.subscribe("live", false, () => live.iterable);
    live.emit(1);
    await take(one, 1);
    const joiner = await groups.subscribe("live", false, () => live.iterable);
    live.emit(2);
    expect(numbers((await take(joiner, 1)).got)).toEqual([2]);
  });

  it("counts every group whose upstream runs: one closed to joiners, and one whose joiners left during its start", async () => {
    const groups = new SubscriptionGroups();
    const resumed = upstream();
    const first = await groups.subscribe("resumed", true, () => resumed.iterable);
    resumed.emit(1);
    await take(first, 1);
    // The late joiner's group replaces the first under the key; both run, both are counted.
    const late = await groups.subscribe("resumed", true, () => upstream().iterable);
    expect(groups.stats()).toEqual({ groups: 2, members: 2 });
    await (first as AsyncIterableIterator<ExecutionResult>).return!();
    await (late as AsyncIterableIterator<ExecutionResult>).return!();
    expect(groups.stats()).toEqual({ groups: 0, members: 0 });

    // Someone joins while the upstream is starting and leaves before it has: the group then runs for the first.
    let started: () => void = () => undefined;
    const slow = upstream();
    const starting = groups.subscribe("slow", false, () => new Promise((resolve) => (started = () => resolve(slow.iterable))));
    const passer = await groups.subscribe("slow", false, () => slow.iterable);
    await (passer as AsyncIterableIterator<ExecutionResult>).return!();
    started();
    const lead = await starting;
    expect(groups.stats()).toEqual({ groups: 1, members: 1 });
    slow.emit(5);
    expect(numbers((await take(lead, 1)).got)).toEqual([5]);
  });

  it("answers a refusal as it is, to whoever asked, without keeping a group", async () => {
    const groups = new SubscriptionGroups();
    const refusal: ExecutionResult = { errors: [{ message: "見つかりません。", extensions: { code: "NOT_FOUND" } } as never] };
    expect(await groups.subscribe("k", false, () => refusal)).toBe(refusal);
    expect(groups.stats()).toEqual({ groups: 0, members: 0 });
  });

  it("tells every member of a failed upstream that it was interrupted (retryable), then ends them", async () => {
    const groups = new SubscriptionGroups();
    const up = upstream();
    const a = await groups.subscribe("k", true, () => up.iterable);
    const b = await groups.subscribe("k", true, () => up.iterable);
    up.emit(1);
    up.fail();
    for (const member of [a, b]) {
      const { got, iterator } = await take(member, 2);
      expect(numbers(got.slice(0, 1))).toEqual([1]);
      expect(got[1]!.errors?.[0]?.extensions).toMatchObject({ code: "SUBSCRIPTION_INTERRUPTED", retryable: true });
      expect((await iterator.next()).done).toBe(true);
    }
    await tick();
    expect(groups.stats()).toEqual({ groups: 0, members: 0 });
    // A client that resubscribes starts a new upstream instead of joining the dead group.
    let restarted = false;
    await groups.subscribe("k", true, () => ((restarted = true), upstream().iterable));
    expect(restarted).toBe(true);
  });

  it("hands each event to its members a slice at a time, the gateway's other work running in between, and keeps their order", async () => {
    const groups = new SubscriptionGroups();
    const up = upstream();
    const members = [];
    for (let i = 0; i < 350; i++) members.push(await groups.subscribe("k", false, () => up.iterable));
    const received: number[] = [];
    let otherWork = -1;
    const all = members.map(async (member, i) => {
      const { got } = await take(member, 2);
      if (!received.length) setImmediate(() => (otherWork = received.length));
      received.push(i);
      return numbers(got);
    });
    up.emit(1);
    up.emit(2);
    expect(new Set((await Promise.all(all)).map((n) => n.join()))).toEqual(new Set(["1,2"]));
    // Without slices every member had both before anything else ran.
    expect(otherWork).toBeGreaterThan(0);
    expect(otherWork).toBeLessThan(350);
  });
});
