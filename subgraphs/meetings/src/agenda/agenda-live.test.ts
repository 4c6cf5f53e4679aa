import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signedConnectionParams, wsClient } from "../../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../../tests/helpers/stack.js";
import { collect, untilAll } from "../../../../tests/helpers/subscriptions.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const call = (query: string, variables: Record<string, unknown>, org = "fukushi-suishin-bu", roles = ["chair"]) =>
  sg.query(query, variables, org, roles);
const errorsOf = (res: { data?: Record<string, { userErrors: { code: string }[] }> | null }, field: string) =>
  res.data![field]!.userErrors.map((e) => e.code);

async function meetingWithItems(titles: string[]): Promise<{ meetingId: string; itemIds: string[] }> {
  const scheduled = await call(`mutation ($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }`, {
    i: { bodyCode: "marugoto-council", title: "進行の取り消し", startsAt: "2030-07-01T05:00:00Z" },
  });
  const meetingId = scheduled.data!.scheduleMeeting.meeting.id as string;
  const itemIds: string[] = [];
  for (const title of titles) {
    const added = await call(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`, {
      i: { meetingId, kind: "TOPIC", title },
    });
    itemIds.push(added.data!.addAgendaItem.item.id);
  }
  return { meetingId, itemIds };
}

const statuses = async (meetingId: string) => {
  const res = await call(`query ($id: ID!) { meeting(id: $id) { agenda { id status } } }`, { id: meetingId });
  return (res.data!.meeting.agenda as { status: string }[]).map((i) => i.status);
};

/** Kinds of the meeting's agenda events after `afterSeq`, as a subscriber replaying the outbox gets them. */
async function eventsAfter(meetingId: string, afterSeq: number): Promise<{ kind: string; itemId: string | null }[]> {
  const rows = await sg.running.em
    .fork()
    .execute<{ kind: string; payload: { itemId: string | null } }[]>(
      `select kind, payload from meetings.outbox_event where topic = ? and seq > ? order by seq`,
      [`agenda:${meetingId}`, afterSeq],
    );
  return rows.map((r) => ({ kind: r.kind, itemId: r.payload.itemId }));
}
const newestSeq = async () =>
  Number((await sg.running.em.fork().execute<{ seq: string }[]>(`select coalesce(max(seq), 0) as seq from meetings.outbox_event`))[0]!.seq);

const ADVANCE = `mutation ($m: ID!) { advanceAgenda(meetingId: $m) { userErrors { code } } }`;
const START = `mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`;
const CLOSE = `mutation ($m: ID!) { closeMeeting(meetingId: $m) { userErrors { code } } }`;
const APPROVE = `mutation ($m: ID!) { approveMinutes(meetingId: $m) { userErrors { code message } } }`;
const DECIDE = `mutation ($i: ID!, $c: String!) { recordDecision(itemId: $i, content: $c) { userErrors { code message } } }`;
const decisions = async (meetingId: string) => {
  const res = await call(`query ($id: ID!) { meeting(id: $id) { agenda { decisions { content } } } }`, { id: meetingId });
  return (res.data!.meeting.agenda as { decisions: { content: string }[] }[]).flatMap((i) => i.decisions.map((d) => d.content));
};
const minutesStatus = async (meetingId: string) =>
  (await call(`query ($id: ID!) { meeting(id: $id) { minutes { status } } }`, { id: meetingId })).data!.meeting.minutes?.status;
const BACK = `mutation ($m: ID!) { returnToPreviousItem(meetingId: $m) { meeting { currentItem { id } } userErrors { code message } } }`;

describe("前の議題に戻る: the undo of 次の議題へ", () => {
  it("makes the last item done current again and the current one pending, as often as there are items done", async () => {
    const { meetingId, itemIds } = await meetingWithItems(["一", "二", "三"]);
    expect(errorsOf(await call(BACK, { m: meetingId }), "returnToPreviousItem")).toEqual(["MEETING_NOT_IN_PROGRESS"]);
    await call(`mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m: meetingId });
    expect(errorsOf(await call(BACK, { m: meetingId }), "returnToPreviousItem")).toEqual(["NO_PREVIOUS_ITEM"]);
    await call(ADVANCE, { m: meetingId });
    await call(ADVANCE, { m: meetingId });
    expect(await statuses(meetingId)).toEqual(["DONE", "DONE", "CURRENT"]);

    const seq = await newestSeq();
    const back = await call(BACK, { m: meetingId });
    expect(back.data!.returnToPreviousItem).toEqual({ meeting: { currentItem: { id: itemIds[1] } }, userErrors: [] });
    expect(await statuses(meetingId)).toEqual(["DONE", "CURRENT", "PENDING"]);
    expect(await eventsAfter(meetingId, seq)).toEqual([{ kind: "AGENDA_STEPPED_BACK", itemId: itemIds[1] }]);

    await call(BACK, { m: meetingId });
    expect(await statuses(meetingId)).toEqual(["CURRENT", "PENDING", "PENDING"]);
    const refused = await call(BACK, { m: meetingId });
    expect(errorsOf(refused, "returnToPreviousItem")).toEqual(["NO_PREVIOUS_ITEM"]);
    expect(refused.data!.returnToPreviousItem.userErrors[0].message).toMatch(/議題/);
    // 次の議題へ goes forward again from there.
    await call(ADVANCE, { m: meetingId });
    expect(await statuses(meetingId)).toEqual(["DONE", "CURRENT", "PENDING"]);
  });

  it("is the chair's: a member cannot step the agenda back", async () => {
    const { meetingId } = await meetingWithItems(["一", "二"]);
    await call(`mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m: meetingId });
    await call(ADVANCE, { m: meetingId });
    const res = await call(BACK, { m: meetingId }, "nozei", ["staff"]);
    expect(res.data?.returnToPreviousItem?.userErrors?.length ?? res.errors?.length).toBeGreaterThan(0);
    expect(await statuses(meetingId)).toEqual(["DONE", "CURRENT"]);
  });
});

describe("the live agenda announces tasks and minutes to every member", () => {
  it("publishes an agenda event when a task is added or changes, and when minutes are drafted or approved", async () => {
    const { meetingId, itemIds } = await meetingWithItems(["予算の確認"]);
    const seq = await newestSeq();
    const created = await call(
      `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } userErrors { code } } }`,
      {
        i: { itemId: itemIds[0], title: "資料を配布する", assigneeCode: "nozei" },
      },
    );
    const actionId = created.data!.createActionItem.actionItem.id;
    await call(
      `mutation ($id: ID!) { updateActionItemStatus(id: $id, status: IN_PROGRESS) { userErrors { code } } }`,
      { id: actionId },
      "nozei",
      ["staff"],
    );
    await call(`mutation ($m: ID!) { draftMinutes(meetingId: $m, content: "出席者全員で確認した。") { userErrors { code } } }`, {
      m: meetingId,
    });
    await call(START, { m: meetingId });
    await call(CLOSE, { m: meetingId });
    await call(`mutation ($m: ID!) { approveMinutes(meetingId: $m) { userErrors { code } } }`, { m: meetingId });
    expect((await eventsAfter(meetingId, seq)).filter((e) => !e.kind.startsWith("MEETING_"))).toEqual([
      { kind: "ACTION_ITEM_ADDED", itemId: itemIds[0] },
      { kind: "ACTION_ITEM_CHANGED", itemId: itemIds[0] },
      { kind: "MINUTES_DRAFTED", itemId: null },
      { kind: "MINUTES_APPROVED", itemId: null },
    ]);
  });

  it("publishes nothing for a refused write", async () => {
    const { meetingId } = await meetingWithItems(["確認"]);
    await call(START, { m: meetingId });
    await call(CLOSE, { m: meetingId });
    const seq = await newestSeq();
    const refused = await call(APPROVE, { m: meetingId });
    expect(errorsOf(refused, "approveMinutes")).toEqual(["MINUTES_MISSING"]);
    expect(await eventsAfter(meetingId, seq)).toEqual([]);
  });
});

describe("a sitting's record follows the sitting", () => {
  it("takes a decision only once the meeting has opened, and approves its minutes only once it has closed", async () => {
    const { meetingId, itemIds } = await meetingWithItems(["方針の確認"]);
    await call(`mutation ($m: ID!) { draftMinutes(meetingId: $m, content: "事前に配布した資料。") { userErrors { code } } }`, {
      m: meetingId,
    });
    const seq = await newestSeq();
    // Before it opens: no decision, no approval; nothing written, nothing announced.
    const early = await call(DECIDE, { i: itemIds[0], c: "方針を了承する" });
    expect(errorsOf(early, "recordDecision")).toEqual(["MEETING_NOT_OPENED"]);
    expect(early.data!.recordDecision.userErrors[0].message).toMatch(/開会後/);
    expect(errorsOf(await call(APPROVE, { m: meetingId }), "approveMinutes")).toEqual(["MEETING_NOT_CLOSED"]);
    expect(await eventsAfter(meetingId, seq)).toEqual([]);
    expect(await decisions(meetingId)).toEqual([]);
    expect(await minutesStatus(meetingId)).toBe("DRAFT");
    // A meeting with no decision yet may still be called off; in session, the decision is taken …
    await call(START, { m: meetingId });
    expect(errorsOf(await call(DECIDE, { i: itemIds[0], c: "方針を了承する" }), "recordDecision")).toEqual([]);
    // … and during a recess (休会) too; the minutes still wait for the close.
    await call(`mutation ($m: ID!) { adjournMeeting(meetingId: $m) { userErrors { code } } }`, { m: meetingId });
    expect(errorsOf(await call(DECIDE, { i: itemIds[0], c: "次回までに資料を補う" }), "recordDecision")).toEqual([]);
    const inRecess = await call(APPROVE, { m: meetingId });
    expect(errorsOf(inRecess, "approveMinutes")).toEqual(["MEETING_NOT_CLOSED"]);
    expect(inRecess.data!.approveMinutes.userErrors[0].message).toMatch(/閉会後/);
    expect(await minutesStatus(meetingId)).toBe("DRAFT");
    await call(START, { m: meetingId });
    await call(CLOSE, { m: meetingId });
    expect(errorsOf(await call(APPROVE, { m: meetingId }), "approveMinutes")).toEqual([]);
    expect(await minutesStatus(meetingId)).toBe("APPROVED");
    expect(await decisions(meetingId)).toEqual(["方針を了承する", "次回までに資料を補う"]);
  });
});

describe("a live agenda event", () => {
  it("reaches every subscriber without building an EntityManager for each (what it carries is the event's own snapshot)", async () => {
    const { meetingId, itemIds } = await meetingWithItems(["一"]);
    const url = sg.running.url.replace(/^http/, "ws");
    const query = `subscription ($m: ID!) { agendaChanged(meetingId: $m) { kind agenda { id title status } } }`;
    const streams = Array.from({ length: 10 }, (_, i) =>
      collect(
        url,
        undefined,
        query,
        { m: meetingId },
        wsClient(url, undefined, {
          connectionParams: signedConnectionParams(
            "meetings",
            { sub: `chair-${i}`, org: "fukushi-suishin-bu", roles: ["chair"] },
            TEST_SECRET,
          ),
        }),
      ),
    );
    const retitle = (title: string) =>
      call(`mutation ($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { userErrors { code } } }`, {
        i: { itemId: itemIds[0], title },
      });
    try {
      // A live stream shows no sign of being in place before its first event: change until each has one.
      for (let n = 0; n < 20 && !streams.every((s) => s.events.length); n++) {
        await retitle(`準備${n}`);
        await untilAll(streams, () => streams.every((s) => s.events.length > 0), 500).catch(() => undefined);
      }
      const had = streams.map((s) => s.events.length);
      const fork = vi.spyOn(sg.running.em, "fork");
      await retitle("本番");
      await untilAll(streams, () => streams.every((s, i) => s.events.length > had[i]!));
      const forks = fork.mock.calls.length;
      fork.mockRestore();
      for (const s of streams) expect(JSON.stringify(s.events.at(-1))).toContain("本番");
      // The mutation's own request and transaction fork; the ten deliveries add none.
      expect(forks).toBeLessThan(streams.length);
    } finally {
      await Promise.all(streams.map((s) => s.stop()));
    }
  });
});
