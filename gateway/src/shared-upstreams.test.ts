import type { ExecutionRequest, Executor } from "@graphql-tools/utils";
import { GraphQLError, parse, type ExecutionResult, type OperationDefinitionNode } from "graphql";
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { SharedUpstreams } from "./shared-upstreams.js";

const LIVE = parse(`subscription LiveAgenda($m: ID!) { agendaChanged(meetingId: $m) { agenda { id __typename } } }`);
const RESUMED = parse(`subscription LiveAgenda($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { agenda { id } } }`);

const person = (sub: string, org = "jiritsu", roles = ["staff"]) => ({ identity: { sub, org, roles } });
const request = (
  context: object,
  document = LIVE,
  variables: Record<string, unknown> = { m: "m1" },
  signal?: AbortSignal,
): ExecutionRequest =>
  ({
    document,
    variables,
    operationName: (document.definitions[0] as OperationDefinitionNode).name?.value,
    operationType: "subscription",
    context,
    ...(signal ? { signal } : {}),
  }) as ExecutionRequest;

/** An upstream subscription per executor call, driven by the test. */
function upstream() {
  const calls: ExecutionRequest[] = [];
  const streams: { push(r: ExecutionResult): void; fail(): void; end(): void; closed: boolean }[] = [];
  let refuse: ExecutionResult | undefined;
  const executor: Executor = ((req: ExecutionRequest) => {
    calls.push(req);
    if (refuse) return Promise.resolve(refuse);
    const queue: (ExecutionResult | Error | null)[] = [];
    let wake: (() => void) | undefined;
    const stream = {
      closed: false,
      push: (r: ExecutionResult) => (queue.push(r), wake?.()),
      fail: () => (queue.push(new Error("socket hang up")), wake?.()),
      end: () => (queue.push(null), wake?.()),
    };
    streams.push(stream);
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        for (;;) {
          if (stream.closed) return { value: undefined, done: true };
          if (queue.length) {
            const item = queue.shift()!;
            if (item === null) return { value: undefined, done: true };
            if (item instanceof Error) throw item;
            return { value: item, done: false };
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      async return() {
        stream.closed = true;
        wake?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return Promise.resolve(iterator);
  }) as Executor;
  return { executor, calls, streams, refuseWith: (r: ExecutionResult) => (refuse = r) };
}

async function open(shared: SharedUpstreams, up: ReturnType<typeof upstream>, req: ExecutionRequest, subgraph = "meetings") {
  const executor = shared.executorFor(subgraph, req, up.executor);
  if (!executor) throw new Error("not shared");
  return (await executor(req)) as AsyncIterableIterator<ExecutionResult> | ExecutionResult;
}
const iteratorOf = (source: unknown) => source as AsyncIterableIterator<ExecutionResult>;
const agendaOf = (r: ExecutionResult) => (r.data as { agendaChanged: { agenda: { id: string; case?: unknown }[] } }).agendaChanged.agenda;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("upstream subscriptions shared within a scope", () => {
  it("runs one upstream for the people of one organisation and roles; each reads a copy of its own", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const [a, b, c] = await Promise.all(["holder", "colleague", "third"].map((sub) => open(shared, up, request(person(sub)))));
    expect(up.calls).toHaveLength(1);
    expect(shared.stats()).toEqual({ upstreams: 1, subscribers: 3, joined: 2 });
    up.streams[0]!.push({ data: { agendaChanged: { agenda: [{ id: "i1", __typename: "AgendaItem" }] } } });
    const first = (await iteratorOf(a).next()).value as ExecutionResult;
    // What the runtime does with a later fetch's answer: it writes it into the event's objects.
    agendaOf(first)[0]!.case = { mainPerson: { name: "架空 花子" } };
    for (const other of [b, c]) {
      const got = (await iteratorOf(other).next()).value as ExecutionResult;
      expect(got).not.toBe(first);
      expect(agendaOf(got)).toEqual([{ id: "i1", __typename: "AgendaItem" }]);
    }
  });

  it("keeps organisations, roles, meetings and resumed streams apart; never shares a personal subgraph's or an anonymous call", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    await open(shared, up, request(person("a")));
    await open(shared, up, request(person("b", "nozei")));
    await open(shared, up, request(person("c", "jiritsu", ["staff", "chair"])));
    await open(shared, up, request(person("d"), LIVE, { m: "m2" }));
    expect(up.calls).toHaveLength(4);
    expect(shared.executorFor("meetings", request(person("e"), RESUMED, { m: "m1", after: "ZToxMA" }), up.executor)).toBeUndefined();
    expect(shared.executorFor("meetings", request(person("e"), RESUMED, { m: "m1", after: null }), up.executor)).toBeDefined();
    expect(shared.executorFor("cases", request(person("e")), up.executor)).toBeUndefined();
    expect(shared.executorFor("meetings", request({}), up.executor)).toBeUndefined();
  });

  it("closes the upstream when the last subscriber leaves, not before; the next starts a new one", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const a = iteratorOf(await open(shared, up, request(person("a"))));
    const b = iteratorOf(await open(shared, up, request(person("b"))));
    await a.return!();
    expect(up.streams[0]!.closed).toBe(false);
    up.streams[0]!.push({ data: { agendaChanged: { agenda: [] } } });
    expect((await b.next()).done).toBe(false);
    await b.return!();
    expect(up.streams[0]!.closed).toBe(true);
    expect(shared.stats()).toMatchObject({ upstreams: 0, subscribers: 0 });
    await open(shared, up, request(person("c")));
    expect(up.calls).toHaveLength(2);
  });

  it("the first subscriber's request ending does not end the upstream the others read", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const first = new AbortController();
    const a = iteratorOf(await open(shared, up, request(person("a"), LIVE, { m: "m1" }, first.signal)));
    const b = iteratorOf(await open(shared, up, request(person("b"))));
    // The upstream call carries no subscriber's signal.
    expect(up.calls[0]!.signal).toBeUndefined();
    first.abort();
    expect((await a.next()).done).toBe(true);
    up.streams[0]!.push({ data: { agendaChanged: { agenda: [] } } });
    expect((await b.next()).done).toBe(false);
    expect(up.streams[0]!.closed).toBe(false);
  });

  it("ends every subscriber when the upstream ends, and tells each when it breaks (SUBSCRIPTION_INTERRUPTED)", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const a = iteratorOf(await open(shared, up, request(person("a"))));
    const b = iteratorOf(await open(shared, up, request(person("b"))));
    up.streams[0]!.fail();
    for (const s of [a, b]) {
      const step = await s.next();
      expect(step.value?.errors?.[0]?.extensions?.code).toBe("SUBSCRIPTION_INTERRUPTED");
      expect((await s.next()).done).toBe(true);
    }
    expect(shared.stats().upstreams).toBe(0);
    const c = iteratorOf(await open(shared, up, request(person("c"))));
    up.streams[1]!.end();
    expect((await c.next()).done).toBe(true);
  });

  it("gives a state subscription's latest value to whoever joins after it came; an event stream's only to those there", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const STATE = parse(`subscription Watch { referenceDataChanged { watched generation } }`);
    const state = (sub: string) => request(person(sub), STATE, {});
    const first = iteratorOf(await open(shared, up, state("a")));
    up.streams[0]!.push({ data: { referenceDataChanged: { watched: true, generation: 3 } } });
    expect((await first.next()).value?.data).toEqual({ referenceDataChanged: { watched: true, generation: 3 } });
    const late = iteratorOf(await open(shared, up, state("b")));
    expect(up.calls).toHaveLength(1);
    expect((await late.next()).value?.data).toEqual({ referenceDataChanged: { watched: true, generation: 3 } });
    // A live event stream: a joiner gets what comes after it joined, nothing before.
    const a = iteratorOf(await open(shared, up, request(person("a"))));
    up.streams[1]!.push({ data: { agendaChanged: { agenda: [{ id: "old" }] } } });
    await a.next();
    const b = iteratorOf(await open(shared, up, request(person("b"))));
    up.streams[1]!.push({ data: { agendaChanged: { agenda: [{ id: "new" }] } } });
    expect(agendaOf((await b.next()).value as ExecutionResult)).toEqual([{ id: "new" }]);
  });

  it("after an error that ends the stream, a newcomer starts a new upstream instead of joining one about to end in silence", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const a = iteratorOf(await open(shared, up, request(person("a"))));
    up.streams[0]!.push({ errors: [new GraphQLError("購読が中断されました。", { extensions: { code: "SUBSCRIPTION_INTERRUPTED" } })] });
    expect((await a.next()).value?.errors?.[0]?.extensions?.code).toBe("SUBSCRIPTION_INTERRUPTED");
    await open(shared, up, request(person("b")));
    expect(up.calls).toHaveLength(2);
  });

  it("gives each subscriber errors of its own, and the upstream call only the identity and its socket signature", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const context = {
      ...person("a"),
      socketSignatures: { meetings: { identity: "id", signature: "sig" } },
      identityExpiresAt: 1,
      socket: {},
      connectionParams: { authorization: "Bearer x" },
    };
    const a = iteratorOf(await open(shared, up, request(context)));
    const b = iteratorOf(await open(shared, up, request(person("b"))));
    expect(Object.keys(up.calls[0]!.context as object).sort()).toEqual(["identity", "socketSignatures"]);
    up.streams[0]!.push({ data: null, errors: [new GraphQLError("一部を取得できませんでした。", { extensions: { code: "X" } })] });
    const [ea, eb] = [(await a.next()).value!.errors![0]!, (await b.next()).value!.errors![0]!];
    expect(ea).toBeInstanceOf(GraphQLError);
    expect(ea).not.toBe(eb);
    (ea.extensions as Record<string, unknown>).serviceName = "meetings";
    expect(eb.extensions).toEqual({ code: "X" });
  });

  it("lets go of a subscriber's abort listener when it leaves", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    const controller = new AbortController();
    const a = iteratorOf(await open(shared, up, request(person("a"), LIVE, { m: "m1" }, controller.signal)));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    await a.return!();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("gives a refusal to everyone who waited for it, and asks again for the next", async () => {
    const shared = new SharedUpstreams();
    const up = upstream();
    up.refuseWith({ errors: [{ message: "見つかりません。", extensions: { code: "NOT_FOUND" } } as never] });
    const answers = await Promise.all([open(shared, up, request(person("a"))), open(shared, up, request(person("b")))]);
    expect(up.calls).toHaveLength(1);
    for (const answer of answers) expect((answer as ExecutionResult).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await tick();
    await open(shared, up, request(person("c")));
    expect(up.calls).toHaveLength(2);
  });
});
