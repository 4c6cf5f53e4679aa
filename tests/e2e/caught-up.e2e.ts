import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { openCase as openCaseAs } from "../helpers/cases.js";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect, type Collected } from "../helpers/subscriptions.js";

/**
 * `markCaughtUp` on every subscription that takes `after`, through the gateway: a resumed stream
 * replays what was missed, then one `CAUGHT_UP` event at the last replayed cursor (or at `after`
 * itself when nothing was missed), then live events; without the argument, no mark. Case streams'
 * marks carry no case data and read nothing. (`agendaChanged`: tests/e2e/interruptions.e2e.ts.)
 */
const CHAIR = "fukushi-suishin-bu"; // chairs 福祉まるごと会議, of which 納税課 is a member
const LEAD = "self-reliance-support-agency";
const LIAISON = "choju-shien";

let stack: Stack;
let chairToken: string;
let leadToken: string;
let agendaItem: string;
let hub: { id: string; district: { code: string }; eventCursor: string };

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

beforeAll(async () => {
  stack = await startStack();
  chairToken = await stack.token(CHAIR, ["chair"]);
  leadToken = await stack.token(LEAD);
  const meeting = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-04-10T05:00:00Z" }) { meeting { id } } }`,
      {},
      chairToken,
    )
  ).scheduleMeeting.meeting.id;
  agendaItem = (
    await gql(
      `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
      { i: { meetingId: meeting, kind: "TOPIC", title: "分納相談" } },
      chairToken,
    )
  ).addAgendaItem.item.id;
  hub = (await gql(`{ hubs(districtCode: "district-01") { id district { code } eventCursor } }`, {}, await stack.token("shakyo"))).hubs[0];
});
afterAll(() => stack?.close());

// ---- What makes one event on each stream -------------------------------------------------------

const scheduleCouncil = (n: number) =>
  gql(
    `mutation ($s: DateTimeISO!) { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: $s }) { userErrors { code } } }`,
    { s: `2031-05-${String(n + 10).padStart(2, "0")}T05:00:00Z` },
    chairToken,
  );
const createTask = (n: number) =>
  gql(
    `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { userErrors { code } } }`,
    { i: { itemId: agendaItem, title: `分納相談の案内 ${n}`, assigneeCode: "nozei" } },
    chairToken,
  );
const openCase = () => openCaseAs((q, v) => gql(q, v, leadToken), { name: "架空 四郎" });
const logProgress = (caseId: string, n: number) =>
  gql(
    `mutation ($id: ID!, $d: LocalDate!, $c: String!) { logProgress(input: { caseId: $id, date: $d, method: PHONE, staff: "担当", content: $c }) { userErrors { code } } }`,
    { id: caseId, d: tokyoDate(), c: `経過 ${n}` },
    leadToken,
  );
const shareCase = async () =>
  gql(
    `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${LIAISON}", role: SUPPORT) { userErrors { code } } }`,
    { id: await openCase() },
    leadToken,
  );
const recordActivity = async (n: number) =>
  gql(
    `mutation ($i: RecordActivityInput!) { recordActivity(input: $i) { userErrors { code } } }`,
    {
      i: {
        hubId: hub.id,
        startsAt: new Date().toISOString(),
        kind: "SALON",
        participants: 10 + n,
        staff: { districtCouncil: 1, neighbourhoodOfficers: 1, welfareCommissioners: 0, professionals: 0 },
      },
    },
    await stack.token("shakyo"),
  );
const organizationCursor = async (token: string) =>
  (await gql(`{ me { organization { eventCursor } } }`, {}, token)).me.organization.eventCursor as string;

// ---- The check, the same for every stream -----------------------------------------------------

type Event = { cursor: string; kind: string } & Record<string, unknown>;

interface StreamCase {
  field: string;
  /** A subscription document taking `$after: String` and `$mark: Boolean`. */
  query: string;
  variables?: Record<string, unknown>;
  token: () => Promise<string>;
  /** A cursor from before the events `produce` makes. */
  cursor: () => Promise<string>;
  /** Makes exactly one event on the stream. */
  produce: (n: number) => Promise<unknown>;
  /** What a `CAUGHT_UP` event carries besides cursor and kind. */
  mark: Record<string, unknown>;
}

const caughtUps = (events: Event[]) => events.filter((e) => e.kind === "CAUGHT_UP").length;

async function checkStream(s: StreamCase): Promise<void> {
  const token = await s.token();
  const open = (variables: Record<string, unknown>): Collected<Record<string, Event>> =>
    collect<Record<string, Event>>(stack.gateway.wsUrl, token, s.query, { ...s.variables, ...variables });
  const of = (c: Collected<Record<string, Event>>) => c.events.map((e) => e[s.field]!);
  const after = await s.cursor();
  await s.produce(1);
  await s.produce(2);
  const marked = open({ after, mark: true });
  const streams = [marked];
  try {
    // Two missed events, then exactly one CAUGHT_UP at the last replayed cursor.
    await marked.waitFor(3);
    const missed = of(marked);
    expect(missed.map((e) => e.kind === "CAUGHT_UP")).toEqual([false, false, true]);
    expect(missed[2]).toEqual({ cursor: missed[1]!.cursor, kind: "CAUGHT_UP", ...s.mark });

    // Nothing missed: CAUGHT_UP at once, at `after` itself. Not asked: no mark at all.
    const current = open({ after: missed[1]!.cursor, mark: true });
    const unmarked = open({ after });
    streams.push(current, unmarked);
    await Promise.all([current.waitFor(1), unmarked.waitFor(2)]);
    expect(of(current)).toEqual([{ cursor: missed[1]!.cursor, kind: "CAUGHT_UP", ...s.mark }]);
    expect(of(unmarked).map((e) => e.cursor)).toEqual(missed.slice(0, 2).map((e) => e.cursor));

    // Then live: the same new event on every stream, after the mark.
    await s.produce(3);
    await Promise.all([marked.waitFor(4), current.waitFor(2), unmarked.waitFor(3)]);
    const live = of(marked)[3]!;
    expect(live.kind).not.toBe("CAUGHT_UP");
    expect(of(current)[1]!.cursor).toBe(live.cursor);
    expect(of(unmarked)[2]!.cursor).toBe(live.cursor);
    // One more live event on every stream: whatever a stream was to deliver before it has arrived.
    await s.produce(4);
    await Promise.all([marked.waitFor(5), current.waitFor(3), unmarked.waitFor(4)]);
    expect([caughtUps(of(marked)), caughtUps(of(current)), caughtUps(of(unmarked))]).toEqual([1, 1, 0]);
    expect([marked, current, unmarked].map((c) => c.errors)).toEqual([[], [], []]);
  } finally {
    await Promise.all(streams.map((c) => c.stop()));
  }
}

describe("markCaughtUp on every resumable stream", () => {
  it("meetingsChanged", async () => {
    const nozei = () => stack.token("nozei");
    await checkStream({
      field: "meetingsChanged",
      query: `subscription ($after: String, $mark: Boolean) { meetingsChanged(organizationCode: "nozei", after: $after, markCaughtUp: $mark) { cursor kind meeting { id } } }`,
      token: nozei,
      cursor: async () => organizationCursor(await nozei()),
      produce: scheduleCouncil,
      mark: { meeting: null },
    });
  });

  it("actionItemsChanged", async () => {
    const nozei = () => stack.token("nozei");
    await checkStream({
      field: "actionItemsChanged",
      query: `subscription ($after: String, $mark: Boolean) { actionItemsChanged(organizationCode: "nozei", after: $after, markCaughtUp: $mark) { cursor kind actionItem { title } } }`,
      token: nozei,
      cursor: async () => organizationCursor(await nozei()),
      produce: createTask,
      mark: { actionItem: null },
    });
  });

  it("caseChanged: the mark carries no case and reads (audits) nothing", async () => {
    const caseId = await openCase();
    const query = `subscription ($id: ID!, $after: String, $mark: Boolean) { caseChanged(caseId: $id, after: $after, markCaughtUp: $mark) { cursor kind case { id } } }`;
    await checkStream({
      field: "caseChanged",
      query,
      variables: { id: caseId },
      token: async () => leadToken,
      cursor: async () => (await gql(`query ($id: ID!) { case(id: $id) { eventCursor } }`, { id: caseId }, leadToken)).case.eventCursor,
      produce: (n) => logProgress(caseId, n),
      mark: { case: null },
    });
    // A stream that only catches up: the subscription's own check is the one audited read.
    const audited = async () =>
      (
        await stack.subgraphs
          .cases!.em.fork()
          .execute<{ n: string }[]>(`select count(*) as n from cases.audit_entry where case_id = ?`, [caseId])
      )[0]!.n;
    const cursor = (await gql(`query ($id: ID!) { case(id: $id) { eventCursor } }`, { id: caseId }, leadToken)).case.eventCursor;
    const before = Number(await audited());
    const only = collect<{ caseChanged: Event }>(stack.gateway.wsUrl, leadToken, query, { id: caseId, after: cursor, mark: true });
    try {
      await only.waitFor(1);
      expect(only.events[0]!.caseChanged).toEqual({ cursor, kind: "CAUGHT_UP", case: null });
      // An audited read is written before the event it belongs to is handed on: the mark has arrived, so any audit of it is in.
      expect(Number(await audited()) - before).toBe(1);
    } finally {
      await only.stop();
    }
  });

  it("sharedCasesChanged: the mark names no case", async () => {
    const liaison = () => stack.token(LIAISON, ["staff"], "liaison-1");
    await checkStream({
      field: "sharedCasesChanged",
      query: `subscription ($after: String, $mark: Boolean) { sharedCasesChanged(after: $after, markCaughtUp: $mark) { cursor kind caseId case { id } } }`,
      token: liaison,
      cursor: async () =>
        (await gql(`{ me { organization { sharedCases(first: 1) { eventCursor } } } }`, {}, await liaison())).me.organization.sharedCases
          .eventCursor,
      produce: shareCase,
      mark: { caseId: null, case: null },
    });
  });

  it("hubEvents", async () => {
    await checkStream({
      field: "hubEvents",
      query: `subscription ($id: ID!, $after: String, $mark: Boolean) { hubEvents(hubId: $id, after: $after, markCaughtUp: $mark) { cursor kind hub { id } activity { participants } } }`,
      variables: { id: hub.id },
      token: () => stack.token("shakyo"),
      cursor: async () =>
        (await gql(`query ($id: ID!) { hub(id: $id) { eventCursor } }`, { id: hub.id }, await stack.token("shakyo"))).hub.eventCursor,
      produce: recordActivity,
      mark: { hub: null, activity: null },
    });
  });

  it("districtEvents", async () => {
    await checkStream({
      field: "districtEvents",
      query: `subscription ($d: String!, $after: String, $mark: Boolean) { districtEvents(districtCode: $d, after: $after, markCaughtUp: $mark) { cursor kind hub { id } } }`,
      variables: { d: hub.district.code },
      token: () => stack.token("district-council-01"),
      cursor: async () =>
        (await gql(`query ($id: ID!) { hub(id: $id) { eventCursor } }`, { id: hub.id }, await stack.token("shakyo"))).hub.eventCursor,
      produce: recordActivity,
      mark: { hub: null },
    });
  });
});

describe("markCaughtUp beside merging at the gateway", () => {
  it("gives a request that comes after a stream's replay began its own stream and CAUGHT_UP, and none to an identical stream that did not ask", async () => {
    const query = `subscription ($after: String, $mark: Boolean) { meetingsChanged(organizationCode: "nozei", after: $after, markCaughtUp: $mark) { cursor kind meeting { id } } }`;
    type E = { meetingsChanged: Event };
    const user = (n: string) => stack.token("nozei", ["staff"], `nozei-merge-${n}`);
    const after = await organizationCursor(await user("a"));
    await scheduleCouncil(4);
    await scheduleCouncil(5);
    // The earlier tests' streams are gone: every group counted below is this test's.
    const before = { groups: 0, members: 0 };
    await vi.waitFor(() => expect(stack.gateway.subscriptionStats()).toEqual(before), { timeout: 5_000, interval: 20 });
    const first = collect<E>(stack.gateway.wsUrl, await user("a"), query, { after, mark: true });
    const streams = [first];
    const kinds = (c: Collected<E>) => c.events.map((e) => e.meetingsChanged.kind);
    const cursors = (c: Collected<E>) => c.events.map((e) => e.meetingsChanged.cursor);
    try {
      await first.waitFor(3);
      await scheduleCouncil(6);
      await first.waitFor(4);
      expect(kinds(first)).toEqual(["MEETING_SCHEDULED", "MEETING_SCHEDULED", "CAUGHT_UP", "MEETING_SCHEDULED"]);
      const replayEnd = cursors(first)[1]!;

      // Another person of the same organisation and roles, the same request, after the first's replay
      // began: a stream of its own, let in by the subgraph now (never a copy of the first's replay), with
      // its CAUGHT_UP where its own replay ends — after the event that came live for the first.
      const joiner = collect<E>(stack.gateway.wsUrl, await user("b"), query, { after, mark: true });
      // The same cursor without asking for the mark, and a mark asked from the newest cursor.
      const unmarked = collect<E>(stack.gateway.wsUrl, await user("c"), query, { after });
      const fresh = collect<E>(stack.gateway.wsUrl, await user("d"), query, { after: cursors(first)[3], mark: true });
      streams.push(joiner, unmarked, fresh);
      await Promise.all([joiner.waitFor(4), unmarked.waitFor(3), fresh.waitFor(1)]);
      expect(kinds(joiner)).toEqual(["MEETING_SCHEDULED", "MEETING_SCHEDULED", "MEETING_SCHEDULED", "CAUGHT_UP"]);
      expect(cursors(joiner).slice(0, 3)).toEqual([cursors(first)[0], replayEnd, cursors(first)[3]]);
      expect(joiner.events[3]!.meetingsChanged).toEqual({ cursor: cursors(first)[3], kind: "CAUGHT_UP", meeting: null });
      expect(kinds(unmarked)).not.toContain("CAUGHT_UP");
      expect(fresh.events.map((e) => e.meetingsChanged)).toEqual([{ cursor: cursors(first)[3], kind: "CAUGHT_UP", meeting: null }]);
      // Each of the four has its own upstream stream.
      const stats = stack.gateway.subscriptionStats();
      expect([stats.groups - before.groups, stats.members - before.members]).toEqual([4, 4]);

      await scheduleCouncil(7);
      await Promise.all([first.waitFor(5), joiner.waitFor(5), unmarked.waitFor(4), fresh.waitFor(2)]);
      // One more live event on every stream: whatever a stream was to deliver before it has arrived.
      await scheduleCouncil(8);
      await Promise.all([first.waitFor(6), joiner.waitFor(6), unmarked.waitFor(5), fresh.waitFor(3)]);
      expect(cursors(joiner).slice(4)).toEqual(cursors(first).slice(4));
      expect([first, joiner, unmarked, fresh].map((c) => kinds(c).filter((k) => k === "CAUGHT_UP").length)).toEqual([1, 1, 0, 1]);
      expect(cursors(fresh)[1]).toBe(cursors(first)[4]);
    } finally {
      await Promise.all(streams.map((c) => c.stop()));
    }
    await vi.waitFor(() => expect(stack.gateway.subscriptionStats()).toEqual(before), { timeout: 5_000, interval: 20 });
  });
});
