import { describe, expect, it } from "vitest";
import type { ExecutionArgs } from "graphql";
import { FanOutEvent, FanOutRun, recorded, replayOf, type FanOutMember, type PersonalAnswer } from "./personal-fanout.js";
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
