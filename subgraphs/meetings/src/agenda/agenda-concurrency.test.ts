import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCursor } from "@marugoto/shared";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const CHAIR = ["fukushi-suishin-bu", ["chair"]] as const;
const call = (query: string, variables: Record<string, unknown>) => sg.query(query, variables, CHAIR[0], [...CHAIR[1]]);

const SCHEDULE = `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } userErrors { code } } }`;
const ADD = `mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { item { id } userErrors { code } } }`;
const UPDATE = `mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { item { id } userErrors { code } } }`;
const REORDER = `mutation ($m: ID!, $ids: [ID!]!) { reorderAgenda(meetingId: $m, itemIds: $ids) { userErrors { code } } }`;
const START = `mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`;
const CLOSE = `mutation ($m: ID!) { closeMeeting(meetingId: $m) { userErrors { code } } }`;
const ADVANCE = `mutation ($m: ID!) { advanceAgenda(meetingId: $m) { userErrors { code } } }`;
const DEFER = `mutation ($id: ID!) { deferAgendaItem(itemId: $id) { userErrors { code } } }`;

interface Row {
  id: string;
  position: number;
  status: string;
  title: string;
}

/** The agenda as the database holds it (not through the subgraph: nothing of its own logic in between). */
async function stored(meetingId: string): Promise<{ items: Row[]; currentItemId: string | null }> {
  const em = sg.running.em.fork();
  const items = await em.execute<Row[]>(
    `select id, position, status, title from meetings.agenda_item where meeting_id = ? order by position, id`,
    [meetingId],
  );
  const [meeting] = await em.execute<{ current_item_id: string | null }[]>(`select current_item_id from meetings.meeting where id = ?`, [
    meetingId,
  ]);
  return {
    items: items.map((i) => ({ id: i.id, position: i.position, status: i.status, title: i.title })),
    currentItemId: meeting!.current_item_id,
  };
}

/** The newest agenda event of the meeting, as a subscriber replaying from the outbox would get it. */
async function lastEvent(meetingId: string): Promise<{ items: Row[]; currentItemId: string | null }> {
  const [row] = await sg.running.em
    .fork()
    .execute<{ payload: { items: Row[]; meeting: { currentItemId: string | null } } }[]>(
      `select payload from meetings.outbox_event where topic = ? order by seq desc limit 1`,
      [`agenda:${meetingId}`],
    );
  const { items, meeting } = row!.payload;
  return {
    items: items.map((i) => ({ id: i.id, position: i.position, status: i.status, title: i.title })),
    currentItemId: meeting.currentItemId,
  };
}

describe("agenda: concurrent writers on one meeting", () => {
  it("keeps positions 0..n-1 and makes the last event equal the database after every round", async () => {
    const scheduled = await call(SCHEDULE, {
      input: { bodyCode: "marugoto-council", title: "同時編集", startsAt: "2030-06-01T05:00:00Z" },
    });
    const meetingId = scheduled.data!.scheduleMeeting.meeting.id as string;
    for (const title of ["最初の議題", "二番目の議題"]) await call(ADD, { input: { meetingId, kind: "TOPIC", title } });
    expect((await call(START, { m: meetingId })).data!.startMeeting.userErrors).toEqual([]);

    const problems: string[] = [];
    for (let round = 0; round < 8; round++) {
      const before = (await stored(meetingId)).items;
      const pending = before.filter((i) => i.status === "PENDING");
      const writes: Promise<{ errors?: unknown }>[] = [
        // Three additions at once: each must land at its own position at the end.
        ...[0, 1, 2].map((k) => call(ADD, { input: { meetingId, kind: "TOPIC", title: `追加 ${round}-${k}` } })),
        // A reorder from the order read just before (refused if an addition lands first: that is fine).
        call(REORDER, { m: meetingId, ids: [...before].reverse().map((i) => i.id) }),
        // Edits of two existing items, the next item, and a deferral.
        ...before.slice(0, 2).map((i, k) => call(UPDATE, { input: { itemId: i.id, title: `${i.title.split("|")[0]}|${round}-${k}` } })),
        call(ADVANCE, { m: meetingId }),
        ...(pending.length ? [call(DEFER, { id: pending.at(-1)!.id })] : []),
      ];
      const results = await Promise.all(writes);
      for (const r of results) expect(r.errors).toBeUndefined();

      const db = await stored(meetingId);
      expect(db.items).toHaveLength(2 + 3 * (round + 1)); // every addition landed
      const positions = db.items.map((i) => i.position);
      if (positions.join() !== db.items.map((_, i) => i).join()) problems.push(`round ${round}: positions ${positions.join(",")}`);
      const current = db.items.filter((i) => i.status === "CURRENT").map((i) => i.id);
      if (current.length > 1 || (current[0] ?? null) !== db.currentItemId)
        problems.push(`round ${round}: current items ${current.join(",")} vs ${db.currentItemId}`);
      const event = await lastEvent(meetingId);
      const byPosition = (rows: Row[]) => [...rows].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
      if (JSON.stringify(byPosition(event.items)) !== JSON.stringify(byPosition(db.items)) || event.currentItemId !== db.currentItemId) {
        problems.push(`round ${round}: last event (${event.items.length} items) differs from the database (${db.items.length} items)`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it("never answers an eventCursor ahead of the agenda read with it, and replaying from it converges", async () => {
    const scheduled = await call(SCHEDULE, {
      input: { bodyCode: "marugoto-council", title: "カーソル", startsAt: "2030-06-02T05:00:00Z" },
    });
    const meetingId = scheduled.data!.scheduleMeeting.meeting.id as string;
    await call(ADD, { input: { meetingId, kind: "TOPIC", title: "はじめ" } });

    let writing = true;
    const writer = async (w: number) => {
      for (let k = 0; k < 15; k++) {
        const res = await call(ADD, { input: { meetingId, kind: "TOPIC", title: `書き手${w}-${k}` } });
        expect(res.data!.addAgendaItem.userErrors).toEqual([]);
      }
    };
    const reads: { cursor: number; agenda: Row[] }[] = [];
    const reader = async () => {
      while (writing) {
        const res = await sg.query(
          `query ($id: ID!) { meeting(id: $id) { agenda { id position status title } eventCursor } }`,
          { id: meetingId },
          CHAIR[0],
          [...CHAIR[1]],
        );
        expect(res.errors).toBeUndefined();
        reads.push({ cursor: decodeCursor(res.data!.meeting.eventCursor)!, agenda: res.data!.meeting.agenda });
      }
    };
    const readers = [reader(), reader(), reader()];
    await Promise.all([0, 1, 2].map(writer));
    writing = false;
    await Promise.all(readers);

    const events = await sg.running.em
      .fork()
      .execute<{ seq: string; payload: { items: Row[] } }[]>(
        `select seq, payload from meetings.outbox_event where topic = ? order by seq`,
        [`agenda:${meetingId}`],
      );
    const final = (await stored(meetingId)).items;
    const key = (rows: Row[]) => JSON.stringify([...rows].sort((a, b) => a.position - b.position).map((r) => [r.id, r.position, r.title]));
    let ahead = 0;
    for (const read of reads) {
      // Every event up to the cursor must already show in the agenda read with it...
      const upTo = events.filter((e) => Number(e.seq) <= read.cursor).at(-1);
      const seen = new Set(read.agenda.map((i) => i.id));
      if (upTo && !upTo.payload.items.every((i) => seen.has(i.id))) ahead++;
      // ...and a client that replaces its list with each event after the cursor ends at the database's agenda.
      let shown = read.agenda;
      for (const e of events) if (Number(e.seq) > read.cursor) shown = e.payload.items;
      expect(key(shown)).toBe(key(final));
    }
    expect(reads.length).toBeGreaterThan(20);
    expect({ ahead, of: reads.length }).toEqual({ ahead: 0, of: reads.length });
  }, 60_000);
});

describe("two editors acting on what each saw", () => {
  const ADVANCE_SEEN = `mutation ($m: ID!, $seen: ID) { advanceAgenda(meetingId: $m, expectedCurrentItemId: $seen) { userErrors { code field } } }`;
  const BACK_SEEN = `mutation ($m: ID!, $seen: ID) { returnToPreviousItem(meetingId: $m, expectedCurrentItemId: $seen) { userErrors { code field } } }`;
  const DRAFT = `mutation ($m: ID!, $text: String!, $rev: Int) { draftMinutes(meetingId: $m, content: $text, expectedRevision: $rev) { minutes { revision content } userErrors { code field message } } }`;
  const APPROVE = `mutation ($m: ID!, $rev: Int) { approveMinutes(meetingId: $m, expectedRevision: $rev) { minutes { status content } userErrors { code field message } } }`;
  // A second person of the chair's section, at another terminal.
  const other = (query: string, variables: Record<string, unknown>) => sg.query(query, variables, CHAIR[0], [...CHAIR[1]], "second-editor");

  async function runningMeeting(items: number): Promise<{ meetingId: string; ids: string[] }> {
    const meetingId = (
      await call(SCHEDULE, { input: { bodyCode: "marugoto-council", title: "同時操作の会議", startsAt: "2031-02-01T01:00:00Z" } })
    ).data!.scheduleMeeting.meeting.id as string;
    const ids: string[] = [];
    for (let i = 0; i < items; i++)
      ids.push((await call(ADD, { input: { meetingId, kind: "TOPIC", title: `議題${i + 1}` } })).data!.addAgendaItem.item.id as string);
    expect((await call(START, { m: meetingId })).data!.startMeeting.userErrors).toEqual([]);
    return { meetingId, ids };
  }

  it("moves the agenda on once when two editors confirm 次の議題へ on the same item at once", async () => {
    for (let round = 0; round < 5; round++) {
      const { meetingId, ids } = await runningMeeting(3);
      const answers = await Promise.all([
        call(ADVANCE_SEEN, { m: meetingId, seen: ids[0] }),
        other(ADVANCE_SEEN, { m: meetingId, seen: ids[0] }),
      ]);
      const codes = answers.map((a) => a.data!.advanceAgenda.userErrors.map((e: { code: string }) => e.code).join());
      expect(codes.sort()).toEqual(["", "CURRENT_ITEM_CHANGED"]);
      const { items, currentItemId } = await stored(meetingId);
      expect(items.map((i) => i.status)).toEqual(["DONE", "CURRENT", "PENDING"]);
      expect(currentItemId).toBe(ids[1]);
      expect((await lastEvent(meetingId)).currentItemId).toBe(ids[1]);
    }
  });

  it("goes back once when two editors ask 前の議題に戻る at once, and refuses a step from an item no longer current", async () => {
    const { meetingId, ids } = await runningMeeting(3);
    await call(ADVANCE_SEEN, { m: meetingId, seen: ids[0] });
    await call(ADVANCE_SEEN, { m: meetingId, seen: ids[1] });
    const answers = await Promise.all([call(BACK_SEEN, { m: meetingId, seen: ids[2] }), other(BACK_SEEN, { m: meetingId, seen: ids[2] })]);
    expect(answers.map((a) => a.data!.returnToPreviousItem.userErrors.map((e: { code: string }) => e.code).join()).sort()).toEqual([
      "",
      "CURRENT_ITEM_CHANGED",
    ]);
    expect((await stored(meetingId)).items.map((i) => i.status)).toEqual(["DONE", "CURRENT", "PENDING"]);
    // "" is "none was current": after the last item is done, two editors going back go back once.
    const single = await runningMeeting(1);
    await call(ADVANCE_SEEN, { m: single.meetingId, seen: single.ids[0] });
    expect((await stored(single.meetingId)).currentItemId).toBeNull();
    const backs = await Promise.all([
      call(BACK_SEEN, { m: single.meetingId, seen: "" }),
      other(BACK_SEEN, { m: single.meetingId, seen: "" }),
    ]);
    expect(backs.map((a) => a.data!.returnToPreviousItem.userErrors.map((e: { code: string }) => e.code).join()).sort()).toEqual([
      "",
      "CURRENT_ITEM_CHANGED",
    ]);
    expect((await stored(single.meetingId)).currentItemId).toBe(single.ids[0]);
    // The id the caller saw, written in capitals (a UUID is the same in either case): the same item.
    expect((await call(BACK_SEEN, { m: meetingId, seen: ids[1]!.toUpperCase() })).data!.returnToPreviousItem.userErrors).toEqual([]);
    expect((await stored(meetingId)).currentItemId).toBe(ids[0]);
    // Without what the caller saw, no check: the old behaviour for clients that send none.
    expect((await call(ADVANCE_SEEN, { m: meetingId })).data!.advanceAgenda.userErrors).toEqual([]);
  });

  it("approves only the text the chair read, and saves no draft over one its editor has not read", async () => {
    const { meetingId } = await runningMeeting(1);
    const first = (await call(DRAFT, { m: meetingId, text: "第一稿", rev: 0 })).data!.draftMinutes;
    expect(first).toEqual({ minutes: { revision: 1, content: "第一稿" }, userErrors: [] });
    // A second editor who also saw no draft: refused, the first draft kept.
    const late = (await other(DRAFT, { m: meetingId, text: "別の第一稿", rev: 0 })).data!.draftMinutes;
    expect(late.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([
      ["MINUTES_CHANGED", ["expectedRevision"]],
    ]);
    expect(late.userErrors[0].message).toMatch(/最新の内容/);
    // The sitting ends; its minutes are still written, and then approved.
    expect((await call(CLOSE, { m: meetingId })).data!.closeMeeting.userErrors).toEqual([]);
    for (let round = 0; round < 5; round++) {
      const read = round + 1; // the revision the chair and the secretary both read
      const [redraft, approval] = await Promise.all([
        other(DRAFT, { m: meetingId, text: `第${read + 1}稿`, rev: read }),
        // The chair approves what they read, unless this is not yet the last round.
        round === 4 ? call(APPROVE, { m: meetingId, rev: read }) : Promise.resolve(undefined),
      ]);
      if (!approval) {
        expect(redraft.data!.draftMinutes.userErrors).toEqual([]);
        continue;
      }
      const approved = approval.data!.approveMinutes;
      const redrafted = redraft.data!.draftMinutes;
      if (approved.userErrors.length) {
        // The secretary's save came first: the approval is refused and nothing is locked.
        expect(approved.userErrors.map((e: { code: string }) => e.code)).toEqual(["MINUTES_CHANGED"]);
        expect(redrafted.userErrors).toEqual([]);
      } else {
        // The approval came first: it locked the text the chair read, and the late save is refused.
        expect(approved.minutes).toEqual({ status: "APPROVED", content: `第${read}稿` });
        expect(redrafted.userErrors.map((e: { code: string }) => e.code)).toEqual(["MINUTES_LOCKED"]);
      }
    }
  });

  it("saves an item only over the contents its editor read: of two saves from the same revision, the second is refused", async () => {
    const { meetingId, ids } = await runningMeeting(1);
    const EDIT = `mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { item { title revision } userErrors { code field message } } }`;
    const read = async () =>
      (await call(`query ($id: ID!) { meeting(id: $id) { agenda { id title revision } } }`, { id: meetingId })).data!.meeting.agenda[0];
    expect(await read()).toEqual({ id: ids[0], title: "議題1", revision: 1 });
    const save = (title: string, who: typeof call) => () => who(EDIT, { input: { itemId: ids[0], title, expectedRevision: 1 } });
    // Both opened the item at revision 1, both save at once: the first lands, the second changes nothing.
    const answers = await whileRowHeld(sg.running.em, "meetings.meeting", meetingId, [
      save("議題1（議長）", call),
      save("議題1（書記）", other),
    ]);
    expect(answers.map((a) => a.data!.updateAgendaItem.item)).toEqual([{ title: "議題1（議長）", revision: 2 }, null]);
    expect(answers[1]!.data!.updateAgendaItem.userErrors).toEqual([
      {
        code: "AGENDA_ITEM_CHANGED",
        field: ["expectedRevision"],
        message: "この議題は、ほかの方が先に編集しました。最新の内容を確かめてから、もう一度保存してください。",
      },
    ]);
    expect(await read()).toEqual({ id: ids[0], title: "議題1（議長）", revision: 2 });
    // Live subscribers see the revision with the contents.
    const [event] = await sg.running.em
      .fork()
      .execute<{ payload: { items: { revision: number; title: string }[] } }[]>(
        `select payload from meetings.outbox_event where topic = ? order by seq desc limit 1`,
        [`agenda:${meetingId}`],
      );
    expect(event!.payload.items.map((i) => [i.title, i.revision])).toEqual([["議題1（議長）", 2]]);
    // Read again, the second editor saves over revision 2; without a revision, the last save wins as before.
    expect(
      (await other(EDIT, { input: { itemId: ids[0], title: "議題1（改）", expectedRevision: 2 } })).data!.updateAgendaItem.item,
    ).toEqual({
      title: "議題1（改）",
      revision: 3,
    });
    expect((await call(EDIT, { input: { itemId: ids[0], description: "補足" } })).data!.updateAgendaItem.userErrors).toEqual([]);
  });

  it("reorders only over the order its editor saw: of two moves computed from the same order at once, the second is refused", async () => {
    const { meetingId, ids } = await runningMeeting(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    const REORDER_SEEN = `mutation ($m: ID!, $ids: [ID!]!, $seen: [ID!]) { reorderAgenda(meetingId: $m, itemIds: $ids, expectedItemIds: $seen) { userErrors { code field message } } }`;
    const order = async () => (await stored(meetingId)).items.map((i) => i.id);
    // Both screens show a, b, c, d. The chair moves d up; the secretary, at the same moment, moves a down.
    const answers = await whileRowHeld(sg.running.em, "meetings.meeting", meetingId, [
      () => call(REORDER_SEEN, { m: meetingId, ids: [a, b, d, c], seen: [a, b, c, d] }),
      () => other(REORDER_SEEN, { m: meetingId, ids: [b, a, c, d], seen: [a, b, c, d] }),
    ]);
    expect(answers.map((r) => r.data!.reorderAgenda.userErrors)).toEqual([
      [],
      [
        {
          code: "AGENDA_ORDER_CHANGED",
          field: ["expectedItemIds"],
          message: "議題の順番が、ほかの方の操作で変わりました。画面の順番を確かめてから、もう一度並べ替えてください。",
        },
      ],
    ]);
    // The chair's move stands, not undone by a whole order computed before it.
    expect(await order()).toEqual([a, b, d, c]);
    // Over the order it now shows, the secretary's move lands; without `expectedItemIds`, no check, as before.
    expect((await other(REORDER_SEEN, { m: meetingId, ids: [b, a, d, c], seen: [a, b, d, c] })).data!.reorderAgenda.userErrors).toEqual([]);
    expect((await call(REORDER, { m: meetingId, ids: [a, b, c, d] })).data!.reorderAgenda.userErrors).toEqual([]);
    expect(await order()).toEqual([a, b, c, d]);
  });

  it("stores a cleared presenter field as no presenter, never as a code nobody checked", async () => {
    const { meetingId, ids } = await runningMeeting(1);
    const EDIT = `mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { userErrors { code } } }`;
    await call(EDIT, { input: { itemId: ids[0], presenterCode: "nozei" } });
    expect((await call(EDIT, { input: { itemId: ids[0], presenterCode: "" } })).data!.updateAgendaItem.userErrors).toEqual([]);
    const added = (await call(ADD, { input: { meetingId, kind: "TOPIC", title: "報告者なし", presenterCode: "" } })).data!.addAgendaItem;
    const [a, b] = await sg.running.em
      .fork()
      .execute<{ presenter_code: string | null }[]>(
        `select presenter_code from meetings.agenda_item where id in (?, ?) order by position`,
        [ids[0], added.item.id],
      );
    expect([a!.presenter_code, b!.presenter_code]).toEqual([null, null]);
  });
});
