import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bearer, post, wsClient } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { activeSubscriptions, collect, untilAll, type Collected } from "../helpers/subscriptions.js";

/**
 * A subgraph that goes away mid-subscription: every subscriber gets a coded, retryable error (not
 * an empty message and an ordinary end), and resuming from its last cursor loses and repeats nothing.
 */
let stack: Stack;
let chair: string;

beforeAll(async () => {
  stack = await startStack();
  chair = await stack.token("fukushi-suishin-bu", ["chair"]);
});
afterAll(() => stack?.close());

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await post(stack.gateway.url, query, variables, bearer(chair));
  expect(res.errors).toBeUndefined();
  return res.data!;
}
const addItem = (meetingId: string, title: string) =>
  gql(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`, {
    i: { meetingId, kind: "TOPIC", title },
  });

const SUB = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { title } } }`;
type Event = { agendaChanged: { cursor: string; kind: string; agenda: { title: string }[] } };
type ErrorSeen = { message: string; extensions?: { code?: string; retryable?: boolean } };

/** One subscription to the agenda on `client`. */
const watch = (client: Client, variables: Record<string, unknown>, query = SUB) =>
  collect<Event>(stack.gateway.wsUrl, undefined, query, variables, client);
/** Every error a stream received, whether in a result or as the subscription's end. */
const errorsOf = (w: Collected<Event>) => w.errors.flat() as ErrorSeen[];
const titles = (w: Collected<Event>) => w.events.map((e) => e.agendaChanged.agenda.map((i) => i.title));

describe("a subgraph outage during a subscription", () => {
  it("ends each stream with a coded, retryable error, merged or not; resuming from the last cursor loses nothing", async () => {
    const d = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-02-10T05:00:00Z" }) { meeting { id eventCursor } } }`,
    );
    const { id, eventCursor } = d.scheduleMeeting.meeting;
    const clients = await Promise.all(
      ["shakyo", "nozei", "nozei"].map(async (org, i) => wsClient(stack.gateway.wsUrl, await stack.token(org, ["staff"], `${org}-${i}`))),
    );
    const running = await activeSubscriptions();
    try {
      // shakyo and nozei from the meeting's cursor, and a second nozei live (no cursor). No two may
      // share an upstream stream while replaying (another organisation, or a cursor beside none); the
      // resumed ones move onto their organisation's live stream at the first event, and are interrupted there.
      const watches = [
        watch(clients[0]!, { id, after: eventCursor }),
        watch(clients[1]!, { id, after: eventCursor }),
        watch(clients[2]!, { id }),
      ];
      // The live stream has no cursor, so no event of its own shows it is in place. It is once the
      // meetings subgraph runs it. The gauge counts the whole process (it has no label per server):
      // one per client subscription at the gateway (3) and one per upstream subscription at the
      // meetings subgraph (3), so at least 6 more once all are in place.
      const expected = watches.length * 2;
      await vi.waitFor(async () => expect((await activeSubscriptions()) - running).toBeGreaterThanOrEqual(expected), {
        timeout: 10_000,
        interval: 20,
      });
      await addItem(id, "停止前");
      await untilAll(watches, () => watches.every((w) => w.events.length === 1), 10_000, "the item before the outage");

      await stack.stopSubgraph("meetings");
      await untilAll(watches, () => watches.every((w) => w.errors.length > 0), 30_000, "the interruptions");
      for (const w of watches) {
        const errors = errorsOf(w);
        expect(
          errors.map((e) => e.extensions?.code),
          JSON.stringify(errors),
        ).toEqual(["SUBSCRIPTION_INTERRUPTED"]);
        expect(errors[0]!.extensions?.retryable).toBe(true);
        expect(errors[0]!.message).toContain("after");
      }

      await stack.startSubgraph("meetings");
      await addItem(id, "再開後1");
      await addItem(id, "再開後2");
      // Each client resumes from the last cursor it received: exactly what it missed, once.
      const resumed = watches.map((w, i) => watch(clients[i]!, { id, after: w.events.at(-1)!.agendaChanged.cursor }));
      await untilAll(resumed, () => resumed.every((w) => w.events.length >= 2), 15_000, "the missed items");
      // A later item closes the check: a stream takes its events in order, so nothing repeated or
      // left over from the replay can come after it.
      await addItem(id, "再開後3");
      await untilAll(resumed, () => resumed.every((w) => w.events.length >= 3), 15_000, "the item after the replay");
      for (const w of resumed) {
        expect(w.errors).toEqual([]);
        expect(titles(w)).toEqual([
          ["停止前", "再開後1"],
          ["停止前", "再開後1", "再開後2"],
          ["停止前", "再開後1", "再開後2", "再開後3"],
        ]);
      }
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  }, 120_000);

  it("marks the end of a replay on request: CAUGHT_UP with the agenda, then live events", async () => {
    const d = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-02-11T05:00:00Z" }) { meeting { id eventCursor } } }`,
    );
    const { id, eventCursor } = d.scheduleMeeting.meeting;
    await addItem(id, "一");
    await addItem(id, "二");
    const client = wsClient(stack.gateway.wsUrl, await stack.token("shakyo"));
    const MARKED = `subscription ($id: ID!, $after: String, $mark: Boolean) { agendaChanged(meetingId: $id, after: $after, markCaughtUp: $mark) { cursor kind agenda { title } } }`;
    const run = (variables: Record<string, unknown>) => watch(client, variables, MARKED);
    const of = (w: Collected<Event>) => w.events.map((e) => e.agendaChanged);
    try {
      const missed = run({ id, after: eventCursor, mark: true });
      await missed.waitFor(3);
      expect(of(missed).map((e) => e.kind)).toEqual(["ITEM_ADDED", "ITEM_ADDED", "CAUGHT_UP"]);
      expect(of(missed)[2]!.cursor).toBe(of(missed)[1]!.cursor);
      expect(titles(missed)[2]).toEqual(["一", "二"]);

      // Nothing missed: CAUGHT_UP at once, at the given cursor, with the agenda as it stands.
      const current = run({ id, after: of(missed)[1]!.cursor, mark: true });
      // Without asking, no mark (clients that do not know the kind are not surprised).
      const unmarked = run({ id, after: eventCursor });
      await Promise.all([current.waitFor(1), unmarked.waitFor(2)]);
      expect(of(current)[0]).toMatchObject({ kind: "CAUGHT_UP", cursor: of(missed)[1]!.cursor });
      expect(titles(current)[0]).toEqual(["一", "二"]);

      await addItem(id, "三");
      await Promise.all([missed.waitFor(4), current.waitFor(2), unmarked.waitFor(3)]);
      for (const stream of [missed, current, unmarked]) expect(titles(stream).at(-1)).toEqual(["一", "二", "三"]);
      expect(of(unmarked).map((e) => e.kind)).toEqual(["ITEM_ADDED", "ITEM_ADDED", "ITEM_ADDED"]);
      expect(of(current).map((e) => e.kind)).toEqual(["CAUGHT_UP", "ITEM_ADDED"]);
    } finally {
      await client.dispose();
    }
  });
});
