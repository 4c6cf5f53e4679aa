import { parse, type ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "@marugoto/shared/core";
import { PushIterator } from "./push-iterator.js";
import { converged, convergencePlan, cursorOf } from "./subscription-convergence.js";

const PATH = ["agendaChanged", "cursor"] as const;
const event = (seq: number, title = `t${seq}`): ExecutionResult => ({ data: { agendaChanged: { cursor: encodeCursor(seq), title } } });
const interruption: ExecutionResult = { errors: [{ message: "中断", extensions: { code: "SUBSCRIPTION_INTERRUPTED" } } as never] };

/** A stream the test feeds; `left` once its reader has given it up. */
function stream() {
  const s = { left: false, it: undefined as unknown as PushIterator<ExecutionResult> };
  s.it = new PushIterator<ExecutionResult>(() => (s.left = true));
  return s;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A resumed stream, the live one and what the subscriber reads of them. */
function converging() {
  const own = stream();
  const live = stream();
  return { own, live, out: converged(own.it, async () => live.it, PATH) };
}

/** The same, once both streams have given `seq`: the subscriber reads the live stream. */
async function met(seq: number) {
  const c = converging();
  c.live.it.push(event(seq));
  c.own.it.push(event(seq));
  await tick();
  return c;
}

/** Reads what `out` gives until it ends or nothing more comes for a moment. */
async function drain(out: AsyncIterator<ExecutionResult>, count: number): Promise<ExecutionResult[]> {
  const got: ExecutionResult[] = [];
  while (got.length < count) {
    const step = await Promise.race([out.next(), tick().then(() => "idle" as const)]);
    if (step === "idle" || step.done) break;
    got.push(step.value);
  }
  return got;
}

const seqs = (results: ExecutionResult[]) => results.map((r) => cursorOf(r, PATH) ?? "error");

describe("a resumed subscription moving onto the live stream", () => {
  it("gives every event once, in order, and gives its own stream up once the live one has an event it gave", async () => {
    const { own, live, out } = converging();
    // The replay (1, 2) while the live stream has its first event (3), which the resumed one gives too.
    own.it.push(event(1));
    own.it.push(event(2));
    await tick();
    live.it.push(event(3));
    await tick();
    expect(own.left).toBe(false);
    own.it.push(event(3));
    await tick();
    expect(own.left).toBe(true);
    live.it.push(event(4));
    live.it.push(event(5));
    expect(seqs(await drain(out, 10))).toEqual([1, 2, 3, 4, 5]);
    expect(live.left).toBe(false);
    await out.return!();
    expect(live.left).toBe(true);
  });

  it("moves at once when the live stream's first event is one the resumed stream already gave, and skips what it had", async () => {
    const { own, live, out } = converging();
    own.it.push(event(5));
    own.it.push(event(6));
    own.it.push(event(7));
    await tick();
    // The live stream started during the replay: its first events are ones the replay gave.
    live.it.push(event(6));
    live.it.push(event(7));
    live.it.push(event(8));
    await tick();
    expect(own.left).toBe(true);
    own.it.push(event(8)); // too late: that stream was given up
    live.it.push(event(9));
    expect(seqs(await drain(out, 10))).toEqual([5, 6, 7, 8, 9]);
  });

  it("goes on alone when the live stream is refused, ends, or carries no cursor", async () => {
    for (const make of [
      async () => ({ errors: [{ message: "refused" } as never] }) as ExecutionResult,
      async () => {
        const live = stream();
        live.it.end();
        return live.it;
      },
      async () => {
        const live = stream();
        live.it.push({ data: { agendaChanged: { title: "no cursor" } } });
        return live.it;
      },
      async () => {
        throw new Error("could not start");
      },
    ]) {
      const own = stream();
      const out = converged(own.it, make, PATH);
      own.it.push(event(1));
      await tick();
      own.it.push(event(2));
      own.it.push(event(3));
      expect(seqs(await drain(out, 10))).toEqual([1, 2, 3]);
      expect(own.left).toBe(false);
      own.it.end();
      expect(await out.next()).toEqual({ value: undefined, done: true });
    }
  });

  it("ends with the resumed stream's interruption before they meet, and lets the live one go", async () => {
    const { own, live, out } = converging();
    own.it.push(event(1));
    await tick();
    own.it.push(interruption);
    const got = await drain(out, 10);
    expect(seqs(got)).toEqual([1, "error"]);
    expect(got[1]).toBe(interruption);
    expect(await out.next()).toEqual({ value: undefined, done: true });
    expect(live.left).toBe(true);
  });

  it("gives on an interruption that carries the last event's data beside it, as the runtime sends one, whatever it repeats", async () => {
    const withData = (seq: number): ExecutionResult => ({ ...event(seq), errors: interruption.errors });
    // After they met: the live stream's interruption repeats an event already given, and is given all the same.
    const after = await met(2);
    after.live.it.push(withData(2));
    after.live.it.end();
    expect(seqs(await drain(after.out, 10))).toEqual([2, 2]);
    expect(await after.out.next()).toEqual({ value: undefined, done: true });
    // Before: the resumed stream's interruption is no event to meet the live stream at; the live one is let go.
    const { own, live, out } = converging();
    live.it.push(event(3));
    await tick();
    own.it.push(withData(3));
    await tick();
    expect(live.left).toBe(true);
    // The stream goes on as long as its source does (the runtime decides when it ends).
    own.it.push(event(4));
    own.it.end();
    const got = await drain(out, 10);
    expect(seqs(got)).toEqual([3, 4]);
    expect(got[0]!.errors).toBe(interruption.errors);
    expect(await out.next()).toEqual({ value: undefined, done: true });
  });

  it("gives up the stream it still holds when the other ends the subscriber's stream without ending itself", async () => {
    // After they met: the live stream's end (errors, no data) ends the subscriber's, and the live stream is given up.
    const after = await met(2);
    after.live.it.push(interruption);
    expect(seqs(await drain(after.out, 10))).toEqual([2, "error"]);
    expect(await after.out.next()).toEqual({ value: undefined, done: true });
    expect(after.live.left).toBe(true);
    // Before: the resumed stream's end ends the subscriber's, and both streams are given up.
    const { own, live, out } = converging();
    own.it.push(event(1));
    await tick();
    own.it.push(interruption);
    expect(seqs(await drain(out, 10))).toEqual([1, "error"]);
    expect(await out.next()).toEqual({ value: undefined, done: true });
    expect(own.left).toBe(true);
    expect(live.left).toBe(true);
  });

  it("lets the live stream go when it runs too far ahead of a long replay", async () => {
    const { own, live, out } = converging();
    own.it.push(event(1));
    await tick();
    for (let seq = 5_000; seq < 6_001; seq++) live.it.push(event(seq));
    await tick();
    expect(live.left).toBe(true);
    own.it.push(event(2));
    expect(seqs(await drain(out, 10))).toEqual([1, 2]);
    expect(own.left).toBe(false);
  });
});

describe("which resumed subscriptions may move onto the live stream", () => {
  const plan = (text: string, variables: Record<string, unknown> = { after: encodeCursor(3), m: "m1" }) =>
    convergencePlan(parse(text), undefined, variables);

  it("those taking `after` from a variable and selecting the event's cursor (by its alias, if it has one)", () => {
    expect(plan(`subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { cursor kind } }`)).toEqual({
      afterVariable: "after",
      cursorPath: ["agendaChanged", "cursor"],
    });
    expect(
      plan(`subscription ($m: ID!, $a: String) { live: agendaChanged(meetingId: $m, after: $a, markCaughtUp: false) { at: cursor } }`, {
        a: encodeCursor(3),
        m: "m1",
      }),
    ).toEqual({ afterVariable: "a", cursorPath: ["live", "at"] });
  });

  it("not those without a cursor to place their events, nor a literal or absent `after`, nor one whose replay's end is marked", () => {
    const none = [
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { kind } }`,
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { ... on AgendaEvent { cursor } } }`,
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { cursor @include(if: true) } }`,
      `subscription ($m: ID!) { agendaChanged(meetingId: $m, after: "ZTox") { cursor } }`,
      `subscription ($m: ID!) { agendaChanged(meetingId: $m) { cursor } }`,
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after, markCaughtUp: true) { cursor } }`,
      `subscription ($m: ID!, $after: String, $mark: Boolean = true) { agendaChanged(meetingId: $m, after: $after, markCaughtUp: $mark) { cursor } }`,
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) @skip(if: false) { cursor } }`,
      // A default for the cursor: left out, the live request would still resume.
      `subscription ($m: ID!, $after: String = "ZTox") { agendaChanged(meetingId: $m, after: $after) { cursor } }`,
      // The variable used twice: the live request would change more than the cursor.
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { cursor agenda(after: $after) { id } } }`,
      `query ($after: String) { meeting(id: "m1") { eventCursor } }`,
    ];
    for (const text of none) expect(plan(text), text).toBeUndefined();
    expect(
      plan(`subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { cursor } }`, { m: "m1" }),
    ).toBeUndefined();
  });
});
