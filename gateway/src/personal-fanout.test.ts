import { describe, expect, it } from "vitest";
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from "graphql";
import { metrics } from "@marugoto/shared/core";
import {
  FanOutEvent,
  FanOutGroups,
  FanOutRun,
  fanOutOf,
  recorded,
  replayOf,
  type FanOutHandle,
  type FanOutMember,
  type PersonalAnswer,
} from "./personal-fanout.js";
import { PushIterator } from "./push-iterator.js";

const member = (sub: string): FanOutMember => ({
  identity: { sub, org: "nozei", roles: ["staff"] } as never,
  args: {} as ExecutionArgs,
  iterator: new PushIterator(() => undefined),
});

const ok = (body: string): PersonalAnswer => ({ status: 200, body });

/** An `ask` answering each person from `answers`, counting who was asked. */
function asker(answers: Record<string, PersonalAnswer>) {
  const asked: string[] = [];
  const ask = async (m: FanOutMember) => {
    asked.push(m.identity.sub);
    const answer = answers[m.identity.sub];
    if (!answer) throw new Error("unreachable");
    return answer;
  };
  return { ask, asked };
}

describe("a fan-out run", () => {
  it("asks for each of its people, goes on with its first person's answer, and is then for those answered the same only", async () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map(member) as [FanOutMember, FanOutMember, FanOutMember, FanOutMember];
    const run = new FanOutRun(new FanOutEvent({ data: {} }), [a, b, c, d]);
    const { ask, asked } = asker({ a: ok('{"case":1}'), b: ok('{"case":null}'), c: ok('{"case":1}'), d: ok('{"case":1}') });
    expect(await run.answer("cases\nQ1", ask)).toEqual(ok('{"case":1}'));
    expect(asked).toEqual(["a", "b", "c", "d"]);
    expect(run.answered).toEqual([a, c, d]);
    expect(run.rest).toEqual([b]);
  });

  it("tells apart answers that differ in status only, and failed calls by their message", async () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map(member) as [FanOutMember, FanOutMember, FanOutMember, FanOutMember];
    const run = new FanOutRun(new FanOutEvent({ data: {} }), [a, b, c, d]);
    const { ask } = asker({ a: ok("{}"), b: { status: 403, body: "{}" } });
    await run.answer("cases\nQ", ask);
    expect(run.answered).toEqual([a]);
    expect(run.event.partition(run.rest)).toEqual([[b], [c, d]]);
  });

  it("narrows at each call to those answered alike by all, calls made at once included", async () => {
    const people = ["a", "b", "c", "d"].map(member);
    const run = new FanOutRun(new FanOutEvent({ data: {} }), people);
    const first = asker({ a: ok("1"), b: ok("1"), c: ok("1"), d: ok("2") });
    const second = asker({ a: ok("x"), b: ok("y"), c: ok("x"), d: ok("x") });
    await Promise.all([run.answer("cases\nQ1", first.ask), run.answer("cases\nQ2", second.ask)]);
    expect(run.answered.map((m) => m.identity.sub)).toEqual(["a", "c"]);
    // Those left are parted by every answer they had: b (1, y) and d (2, x) are each alone.
    expect(run.event.partition(run.rest).map((part) => part.map((m) => m.identity.sub))).toEqual([["b"], ["d"]]);
  });

  it("asks nobody again for a call an earlier run of the event made for them, and asks those it was not made for", async () => {
    const [a, b, c] = ["a", "b", "c"].map(member) as [FanOutMember, FanOutMember, FanOutMember];
    const event = new FanOutEvent({ data: {} });
    const lead = new FanOutRun(event, [a, b, c]);
    await lead.answer("cases\nQ1", asker({ a: ok("1"), b: ok("2"), c: ok("2") }).ask);
    // The lead run's second call is made for its own people only.
    await lead.answer("cases\nQ2", asker({ a: ok("p") }).ask);
    const [part] = event.partition(lead.rest);
    expect(part).toEqual([b, c]);
    const replay = new FanOutRun(event, part!);
    const again = asker({});
    expect(await replay.answer("cases\nQ1", again.ask)).toEqual(ok("2"));
    expect(again.asked).toEqual([]);
    const fresh = asker({ b: ok("q"), c: ok("r") });
    expect(await replay.answer("cases\nQ2", fresh.ask)).toEqual(ok("q"));
    expect(fresh.asked).toEqual(["b", "c"]);
    expect(replay.answered).toEqual([b]);
    expect(replay.rest).toEqual([c]);
  });

  it("answers nothing for no one", async () => {
    const run = new FanOutRun(new FanOutEvent({ data: {} }), []);
    const { ask, asked } = asker({});
    expect("error" in (await run.answer("cases\nQ", ask))).toBe(true);
    expect(asked).toEqual([]);
  });
});

describe("a fan-out group's upstream", () => {
  it("tells each payload, as a copy of its own, before the runtime reads (and writes into) it", async () => {
    async function* upstream() {
      yield { data: { agendaChanged: { agenda: [{ caseId: "c1" }] } } };
    }
    const told: unknown[] = [];
    const iterator = recorded(upstream(), { begin: (payload) => told.push(payload) });
    const step = await iterator.next();
    (step.value as { data: { agendaChanged: { agenda: Record<string, unknown>[] } } }).data.agendaChanged.agenda[0]!.case = { id: "c1" };
    expect(told).toEqual([{ data: { agendaChanged: { agenda: [{ caseId: "c1" }] } } }]);
  });

  it("replays its one payload, a fresh copy, then ends", async () => {
    const payload = { data: { agendaChanged: { agenda: [{ caseId: "c1" }] } } };
    const replay = replayOf(payload);
    const step = await replay.next();
    expect(step).toEqual({ done: false, value: payload });
    expect(step.value).not.toBe(payload);
    expect(await replay.next()).toEqual({ done: true, value: undefined });
  });
});

describe("a fan-out group", () => {
  /**
   * A stand-in for the runtime: the group's own run reads `upstream` and, for each payload, makes one
   * personal call (each person's answer from `answers`); a replay reads its one payload the same way.
   * A person whose answer is `refuse` makes the runtime answer with an error and no data.
   */
  function runtime(answers: Map<string, string>) {
    const upstream = new PushIterator<ExecutionResult>(() => undefined);
    const asked: string[] = [];
    const ask = async (m: FanOutMember): Promise<PersonalAnswer> => {
      asked.push(m.identity.sub);
      return ok(answers.get(m.identity.sub)!);
    };
    const execute = async (fan: FanOutHandle, payload: ExecutionResult): Promise<ExecutionResult> => {
      const answer = await fan.run!.answer("cases\nQ", ask);
      const body = "error" in answer ? "" : answer.body;
      return body === "refuse" ? { errors: [new GraphQLError("refused")] } : { data: { ...payload.data, case: body } };
    };
    const subscribe = async (args: ExecutionArgs) => {
      const fan = fanOutOf(args.contextValue)!;
      if (fan.replay) {
        const result = await execute(fan, fan.replay);
        return (async function* () {
          yield result;
        })();
      }
      return (async function* () {
        for await (const payload of upstream) {
          fan.begin!(payload);
          yield await execute(fan, payload);
        }
      })();
    };
    return { upstream, asked, subscribe };
  }

  const argsOf = (sub: string) => ({ contextValue: { sub } }) as unknown as ExecutionArgs;
  const identityOf = (sub: string) => ({ sub, org: "nozei", roles: ["staff"] }) as never;

  it("gives each person the result of their own answer, running once per set of people answered alike, and asks each once", async () => {
    const answers = new Map([
      ["a", "seen"],
      ["b", "none"],
      ["c", "seen"],
      ["d", "none"],
    ]);
    const { upstream, asked, subscribe } = runtime(answers);
    const groups = new FanOutGroups();
    const streams = new Map<string, AsyncIterator<ExecutionResult>>();
    for (const sub of answers.keys()) {
      const source = await groups.subscribe("k", identityOf(sub), argsOf(sub), subscribe);
      streams.set(sub, (source as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]());
    }
    expect(groups.stats()).toEqual({ groups: 1, members: 4 });
    const replaysBefore = await runs("replay");
    upstream.push({ data: { title: "議題" } });
    const got = Object.fromEntries(await Promise.all([...streams].map(async ([sub, s]) => [sub, (await s.next()).value])));
    expect(got).toEqual({
      a: { data: { title: "議題", case: "seen" } },
      b: { data: { title: "議題", case: "none" } },
      c: { data: { title: "議題", case: "seen" } },
      d: { data: { title: "議題", case: "none" } },
    });
    expect([...asked].sort()).toEqual(["a", "b", "c", "d"]);
    expect((await runs("replay")) - replaysBefore).toBe(1);
    upstream.end();
  });

  it("ends the streams of those whose run ended in an error, and only theirs", async () => {
    const answers = new Map([
      ["a", "seen"],
      ["b", "refuse"],
    ]);
    const { upstream, subscribe } = runtime(answers);
    const groups = new FanOutGroups();
    const a = ((await groups.subscribe("k", identityOf("a"), argsOf("a"), subscribe)) as AsyncIterable<ExecutionResult>)[
      Symbol.asyncIterator
    ]();
    const b = ((await groups.subscribe("k", identityOf("b"), argsOf("b"), subscribe)) as AsyncIterable<ExecutionResult>)[
      Symbol.asyncIterator
    ]();
    upstream.push({ data: { title: "一" } });
    expect((await a.next()).value).toEqual({ data: { title: "一", case: "seen" } });
    expect((await b.next()).value.errors[0].message).toBe("refused");
    expect(await b.next()).toEqual({ done: true, value: undefined });
    expect(groups.stats()).toEqual({ groups: 1, members: 1 });
    // The others go on.
    answers.set("a", "still");
    upstream.push({ data: { title: "二" } });
    expect((await a.next()).value).toEqual({ data: { title: "二", case: "still" } });
    upstream.end();
  });
});

describe("a fan-out group whose runtime read a second event before the first's result", () => {
  it("ends every stream with SUBSCRIPTION_INTERRUPTED rather than answer one event's calls for another's people", async () => {
    const subscribe = async (args: ExecutionArgs) => {
      const fan = fanOutOf(args.contextValue)!;
      return (async function* () {
        fan.begin!({ data: { n: 1 } });
        // A second payload told before the first one's result: its run would take the first's calls.
        fan.begin!({ data: { n: 2 } });
        yield { data: { n: 1 } } as ExecutionResult;
      })();
    };
    const groups = new FanOutGroups();
    const source = await groups.subscribe("k", { sub: "a", org: "nozei", roles: ["staff"] } as never, {} as ExecutionArgs, subscribe);
    const stream = (source as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
    const first = await stream.next();
    expect((first.value as ExecutionResult).errors?.[0]?.extensions?.code).toBe("SUBSCRIPTION_INTERRUPTED");
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(groups.stats()).toEqual({ groups: 0, members: 0 });
  });
});

/** Fan-out runs of one kind in this process. */
const runs = async (kind: "event" | "replay") =>
  (await metrics.fanOutRuns.get()).values.filter((v) => v.labels.kind === kind).reduce((sum, v) => sum + v.value, 0);
