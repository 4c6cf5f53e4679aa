import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { sleep } from "../helpers/subscriptions.js";

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

interface Watch {
  events: Event[];
  errors: { message: string; extensions?: { code?: string; retryable?: boolean } }[];
  completed: boolean;
}

function watch(client: Client, variables: Record<string, unknown>): Watch {
  const out: Watch = { events: [], errors: [], completed: false };
  client.subscribe<Event>(
    { query: SUB, variables },
    {
      next: (v) => {
        if (v.errors) out.errors.push(...(v.errors as Watch["errors"]));
        if (v.data) out.events.push(v.data);
      },
      error: (e) => out.errors.push(...(Array.isArray(e) ? e : [{ message: String(e) }])),
      complete: () => (out.completed = true),
    },
  );
  return out;
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(25);
  }
}

describe("a subgraph outage during a subscription", () => {
  it("ends each stream with a coded, retryable error, merged or not; resuming from the last cursor loses nothing", async () => {
    const d = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-02-10T05:00:00Z" }) { meeting { id eventCursor } } }`,
    );
    const { id, eventCursor } = d.scheduleMeeting.meeting;
    const clients = await Promise.all(
      ["shakyo", "nozei", "nozei"].map(async (org, i) =>
        createClient({
          url: stack.gateway.wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${await stack.token(org, ["staff"], `${org}-${i}`)}` },
          retryAttempts: 0,
          lazy: true,
        }),
      ),
    );
    try {
      // Two nozei subscribers share one merged stream; the live one (no cursor) runs on its own.
      const watches = [
        watch(clients[0]!, { id, after: eventCursor }),
        watch(clients[1]!, { id, after: eventCursor }),
        watch(clients[2]!, { id }),
      ];
      await sleep(300);
      await addItem(id, "停止前");
      await until(() => watches.every((w) => w.events.length === 1), 10_000);

      await stack.stopSubgraph("meetings");
      await until(() => watches.every((w) => w.errors.length > 0), 30_000);
      for (const w of watches) {
        expect(
          w.errors.map((e) => e.extensions?.code),
          JSON.stringify(w.errors),
        ).toEqual(["SUBSCRIPTION_INTERRUPTED"]);
        expect(w.errors[0]!.extensions?.retryable).toBe(true);
        expect(w.errors[0]!.message).toContain("after");
      }

      await stack.startSubgraph("meetings");
      await addItem(id, "再開後1");
      await addItem(id, "再開後2");
      // Each client resumes from the last cursor it received: exactly what it missed, once.
      const resumed = watches.map((w, i) => watch(clients[i]!, { id, after: w.events.at(-1)!.agendaChanged.cursor }));
      await until(() => resumed.every((w) => w.events.length >= 2), 15_000);
      await sleep(300);
      for (const w of resumed) {
        expect(w.errors).toEqual([]);
        expect(w.events.map((e) => e.agendaChanged.agenda.map((i) => i.title))).toEqual([
          ["停止前", "再開後1"],
          ["停止前", "再開後1", "再開後2"],
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
    const client = createClient({
      url: stack.gateway.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await stack.token("shakyo")}` },
      retryAttempts: 0,
      lazy: true,
    });
    const MARKED = `subscription ($id: ID!, $after: String, $mark: Boolean) { agendaChanged(meetingId: $id, after: $after, markCaughtUp: $mark) { cursor kind agenda { title } } }`;
    const run = (variables: Record<string, unknown>) => {
      const out: Event[] = [];
      client.subscribe<Event>(
        { query: MARKED, variables },
        { next: (v) => v.data && out.push(v.data), error: () => {}, complete: () => {} },
      );
      return out;
    };
    try {
      const missed = run({ id, after: eventCursor, mark: true });
      await until(() => missed.length >= 3, 10_000);
      expect(missed.map((e) => e.agendaChanged.kind)).toEqual(["ITEM_ADDED", "ITEM_ADDED", "CAUGHT_UP"]);
      expect(missed[2]!.agendaChanged.cursor).toBe(missed[1]!.agendaChanged.cursor);
      expect(missed[2]!.agendaChanged.agenda.map((i) => i.title)).toEqual(["一", "二"]);

      // Nothing missed: CAUGHT_UP at once, at the given cursor, with the agenda as it stands.
      const current = run({ id, after: missed[1]!.agendaChanged.cursor, mark: true });
      // Without asking, no mark (clients that do not know the kind are not surprised).
      const unmarked = run({ id, after: eventCursor });
      await until(() => current.length >= 1 && unmarked.length >= 2, 10_000);
      expect(current[0]!.agendaChanged).toMatchObject({ kind: "CAUGHT_UP", cursor: missed[1]!.agendaChanged.cursor });
      expect(current[0]!.agendaChanged.agenda.map((i) => i.title)).toEqual(["一", "二"]);

      await addItem(id, "三");
      await until(() => missed.length >= 4 && current.length >= 2 && unmarked.length >= 3, 10_000);
      for (const stream of [missed, current, unmarked])
        expect(stream.at(-1)!.agendaChanged.agenda.map((i) => i.title)).toEqual(["一", "二", "三"]);
      expect(unmarked.map((e) => e.agendaChanged.kind)).toEqual(["ITEM_ADDED", "ITEM_ADDED", "ITEM_ADDED"]);
      expect(current.map((e) => e.agendaChanged.kind)).toEqual(["CAUGHT_UP", "ITEM_ADDED"]);
    } finally {
      await client.dispose();
    }
  });
});
