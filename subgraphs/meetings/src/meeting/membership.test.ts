import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

type Who = [org: string, roles: string[]];
const SUPPORT_CHAIR: Who = ["seikatsu-fukushi", ["chair"]]; // 支援会議's chair
const MEMBER = "kaigo-hoken";
const OUTSIDER = "nozei";

/** One mutation's answer: its payload, or the errors that refused it. */
async function run(query: string, variables: Record<string, unknown>, who: Who) {
  const res = await sg.query(query, variables, ...who);
  const payload = res.data ? (Object.values(res.data)[0] as { userErrors?: { code: string }[] } | null) : null;
  return { codes: payload?.userErrors?.map((e) => e.code) ?? [], errors: (res.errors ?? []).map((e) => e.extensions?.code), payload };
}

async function supportMeeting(): Promise<string> {
  const made = await run(
    `mutation ($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } userErrors { code } } }`,
    { i: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-03-01T05:00:00Z", memberCodes: [MEMBER, "koho"] } },
    SUPPORT_CHAIR,
  );
  expect(made.codes).toEqual([]);
  const id = (made.payload as unknown as { meeting: { id: string } }).meeting.id;
  // The chair reads its meeting's items and tasks once pledged, as every member does.
  expect(
    (await run(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id }, SUPPORT_CHAIR)).codes,
  ).toEqual([]);
  return id;
}

const ADD_MEMBER = `mutation ($id: ID!, $c: String!) { addMeetingMember(meetingId: $id, organizationCode: $c) { meeting { id } userErrors { code } } }`;
const REMOVE_MEMBER = `mutation ($id: ID!, $c: String!) { removeMeetingMember(meetingId: $id, organizationCode: $c) { meeting { id } userErrors { code } } }`;
const START = `mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`;
const CLOSE = `mutation ($id: ID!) { closeMeeting(meetingId: $id) { meeting { status } userErrors { code } } }`;
const ADD_ITEM = `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } userErrors { code } } }`;

const membersOf = async (id: string) =>
  (
    (await sg.query(`query ($id: ID!) { meeting(id: $id) { members { pledged organization { code } } } }`, { id }, ...SUPPORT_CHAIR)).data!
      .meeting.members as { pledged: boolean; organization: { code: string } }[]
  ).map((m) => `${m.organization.code}${m.pledged ? "（誓約済み）" : ""}`);

const statusOf = async (id: string) =>
  (await sg.query(`query ($id: ID!) { meeting(id: $id) { status } }`, { id }, ...SUPPORT_CHAIR)).data!.meeting.status as string;

describe("who sits on a case meeting", () => {
  it("is chosen by the chair from the start: its secretariat schedules one, but names no members", async () => {
    const schedule = `mutation ($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { members { organization { code } } } userErrors { code field } } }`;
    const sitting = { bodyCode: "multi-layered-support-meeting", title: "重層的支援会議", startsAt: "2031-03-02T05:00:00Z" };
    const secretariat: Who = ["seikatsu-fukushi", ["secretary"]];
    const refused = await run(schedule, { i: { ...sitting, memberCodes: [OUTSIDER, "koho"] } }, secretariat);
    expect(refused.payload).toMatchObject({ meeting: null, userErrors: [{ code: "MEMBERS_BY_CHAIR_ONLY", field: ["memberCodes"] }] });
    expect((await run(schedule, { i: sitting }, secretariat)).codes).toEqual([]);
    const chaired = await run(schedule, { i: { ...sitting, memberCodes: [OUTSIDER] } }, ["shakyo", ["chair"]]);
    expect(chaired.codes).toEqual([]);
    expect(
      (chaired.payload as unknown as { meeting: { members: { organization: { code: string } }[] } }).meeting.members.map(
        (m) => m.organization.code,
      ),
    ).toContain(OUTSIDER);
  });

  it("is chosen by the chair alone: a named secretary may edit the agenda, not the members", async () => {
    const id = await supportMeeting();
    await run(
      `mutation ($id: ID!) { nameSecretary(meetingId: $id, organizationCode: "${MEMBER}") { userErrors { code } } }`,
      { id },
      SUPPORT_CHAIR,
    );
    const secretary: Who = [MEMBER, ["secretary"]];
    expect((await run(ADD_ITEM, { i: { meetingId: id, kind: "REPORT", title: "報告" } }, secretary)).codes).toEqual([]);
    const before = await membersOf(id);
    expect((await run(ADD_MEMBER, { id, c: OUTSIDER }, secretary)).errors).toEqual(["FORBIDDEN"]);
    expect((await run(REMOVE_MEMBER, { id, c: "koho" }, secretary)).errors).toEqual(["FORBIDDEN"]);
    expect(await membersOf(id)).toEqual(before);
    expect((await run(ADD_MEMBER, { id, c: OUTSIDER }, SUPPORT_CHAIR)).codes).toEqual([]);
  });

  it("no longer changes once the meeting is closed", async () => {
    const id = await supportMeeting();
    await run(START, { id }, SUPPORT_CHAIR);
    expect((await run(CLOSE, { id }, SUPPORT_CHAIR)).codes).toEqual([]);
    const before = await membersOf(id);
    expect((await run(ADD_MEMBER, { id, c: OUTSIDER }, SUPPORT_CHAIR)).codes).toEqual(["MEETING_CLOSED"]);
    expect((await run(REMOVE_MEMBER, { id, c: MEMBER }, SUPPORT_CHAIR)).codes).toEqual(["MEETING_CLOSED"]);
    expect(await membersOf(id)).toEqual(before);
  });

  it("calls off the open tasks of an organisation removed from it; those of the others stay", async () => {
    const id = await supportMeeting();
    const itemId = (
      (await run(ADD_ITEM, { i: { meetingId: id, kind: "REPORT", title: "報告" } }, SUPPORT_CHAIR)).payload as unknown as {
        item: { id: string };
      }
    ).item.id;
    const create = `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } userErrors { code } } }`;
    const task = async (assigneeCode: string) =>
      (
        (await run(create, { i: { itemId, title: "訪問の日程調整", assigneeCode, dueDate: "2031-03-10" } }, SUPPORT_CHAIR))
          .payload as unknown as {
          actionItem: { id: string };
        }
      ).actionItem.id;
    const [leaving, staying] = [await task(MEMBER), await task("koho")];
    expect((await run(REMOVE_MEMBER, { id, c: MEMBER }, SUPPORT_CHAIR)).codes).toEqual([]);
    const status = async (taskId: string) =>
      (
        await sg.query(
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ActionItem { status } } }`,
          {
            r: [{ __typename: "ActionItem", id: taskId }],
          },
          ...SUPPORT_CHAIR,
        )
      ).data!._entities[0].status as string;
    expect([await status(leaving), await status(staying)]).toEqual(["CANCELLED", "OPEN"]);
  });

  it("keeps a removed member's confidentiality pledge on record, and an organisation invited back sits under it", async () => {
    const id = await supportMeeting();
    await run(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id }, [MEMBER, ["staff"]]);
    expect(await membersOf(id)).toContain(`${MEMBER}（誓約済み）`);
    expect((await run(REMOVE_MEMBER, { id, c: MEMBER }, SUPPORT_CHAIR)).codes).toEqual([]);
    const kept = await sg.running.em
      .fork()
      .execute<{ pledged_by: string }[]>(
        `select pledged_by from meetings.confidentiality_pledge where meeting_id = ? and organization_code = ?`,
        [id, MEMBER],
      );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.pledged_by).toMatch(/.+/);
    expect((await run(ADD_MEMBER, { id, c: MEMBER }, SUPPORT_CHAIR)).codes).toEqual([]);
    expect(await membersOf(id)).toContain(`${MEMBER}（誓約済み）`);
    // An organisation that never pledged comes (back) unpledged.
    expect((await run(ADD_MEMBER, { id, c: OUTSIDER }, SUPPORT_CHAIR)).codes).toEqual([]);
    expect(await membersOf(id)).toContain(OUTSIDER);
  });
});

describe("a meeting's close and what follows it", () => {
  it("closes only a meeting that opened: one never held is called off instead, and does not count as held", async () => {
    const id = await supportMeeting();
    expect((await run(CLOSE, { id }, SUPPORT_CHAIR)).codes).toEqual(["MEETING_NOT_IN_PROGRESS"]);
    expect(await statusOf(id)).toBe("SCHEDULED");
    await run(START, { id }, SUPPORT_CHAIR);
    expect((await run(CLOSE, { id }, SUPPORT_CHAIR)).payload).toEqual({ meeting: { status: "CLOSED" }, userErrors: [] });
  });

  it("records no decision once the meeting is closed", async () => {
    const id = await supportMeeting();
    const item = (await run(ADD_ITEM, { i: { meetingId: id, kind: "REPORT", title: "報告" } }, SUPPORT_CHAIR)).payload as unknown as {
      item: { id: string };
    };
    await run(START, { id }, SUPPORT_CHAIR);
    await run(CLOSE, { id }, SUPPORT_CHAIR);
    const decide = `mutation ($id: ID!) { recordDecision(itemId: $id, content: "閉会後の決定") { decision { content } userErrors { code } } }`;
    expect((await run(decide, { id: item.item.id }, SUPPORT_CHAIR)).codes).toEqual(["MEETING_CLOSED"]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from meetings.decision where item_id = ?`, [item.item.id]);
    expect(Number(row!.n)).toBe(0);
  });
});

describe("a meeting called off", () => {
  it("calls off its open tasks with it: none stays open, or overdue, for a meeting that will not take place", async () => {
    const id = await supportMeeting();
    const item = (await run(ADD_ITEM, { i: { meetingId: id, kind: "REPORT", title: "報告" } }, SUPPORT_CHAIR)).payload as unknown as {
      item: { id: string };
    };
    const create = `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } userErrors { code } } }`;
    const made = await sg.query(
      create,
      { i: { itemId: item.item.id, title: "資料準備", assigneeCode: MEMBER, dueDate: "2020-01-01" } },
      ...SUPPORT_CHAIR,
    );
    const actionId = made.data!.createActionItem.actionItem.id as string;
    const cancel = await run(`mutation ($id: ID!) { cancelMeeting(meetingId: $id) { userErrors { code } } }`, { id }, SUPPORT_CHAIR);
    expect(cancel.codes).toEqual([]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ status: string }[]>(`select status from meetings.action_item where id = ?`, [actionId]);
    expect(row!.status).toBe("CANCELLED");
    const [event] = await sg.running.em
      .fork()
      .execute<{ kind: string }[]>(`select kind from meetings.outbox_event where topic = ? order by seq desc limit 1`, [
        `action-items:${MEMBER}`,
      ]);
    expect(event!.kind).toBe("ACTION_ITEM_UPDATED");
  });
});

describe("a task of a confidential meeting", () => {
  it("goes to one of its members, who alone can see it: made or reassigned to anyone else, refused", async () => {
    const id = await supportMeeting();
    const item = (await run(ADD_ITEM, { i: { meetingId: id, kind: "REPORT", title: "報告" } }, SUPPORT_CHAIR)).payload as unknown as {
      item: { id: string };
    };
    const create = `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } userErrors { code field } } }`;
    const outside = await sg.query(create, { i: { itemId: item.item.id, title: "訪問", assigneeCode: OUTSIDER } }, ...SUPPORT_CHAIR);
    expect(outside.data!.createActionItem).toEqual({
      actionItem: null,
      userErrors: [{ code: "ASSIGNEE_NOT_MEMBER", field: ["assigneeCode"] }],
    });
    const made = await sg.query(create, { i: { itemId: item.item.id, title: "訪問", assigneeCode: MEMBER } }, ...SUPPORT_CHAIR);
    const actionId = made.data!.createActionItem.actionItem.id as string;
    const reassign = `mutation ($id: ID!, $c: String!) { reassignActionItem(id: $id, assigneeCode: $c) { actionItem { assignee { code } } userErrors { code } } }`;
    expect((await run(reassign, { id: actionId, c: OUTSIDER }, SUPPORT_CHAIR)).codes).toEqual(["ASSIGNEE_NOT_MEMBER"]);
    expect((await run(reassign, { id: actionId, c: "koho" }, SUPPORT_CHAIR)).payload).toEqual({
      actionItem: { assignee: { code: "koho" } },
      userErrors: [],
    });
  });
});

describe("a write named by an agenda item of a meeting the caller cannot see", () => {
  it("is answered about the item it named, never the confidential meeting behind it", async () => {
    const id = await supportMeeting();
    const item = (await run(ADD_ITEM, { i: { meetingId: id, kind: "REPORT", title: "報告" } }, SUPPORT_CHAIR)).payload as unknown as {
      item: { id: string };
    };
    const outsider: Who = [OUTSIDER, ["chair"]];
    const writes = [
      [`mutation ($id: ID!) { recordDecision(itemId: $id, content: "決定") { userErrors { code } } }`, { id: item.item.id }],
      [`mutation ($id: ID!) { deferAgendaItem(itemId: $id) { userErrors { code } } }`, { id: item.item.id }],
      [
        `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { userErrors { code } } }`,
        { i: { itemId: item.item.id, title: "訪問", assigneeCode: OUTSIDER } },
      ],
    ] as const;
    for (const [query, variables] of writes) {
      const res = await sg.query(query, variables, ...outsider);
      const errors = (res.errors ?? []).map((e) => ({ message: e.message, ...e.extensions }));
      expect(errors).toEqual([{ message: "議題が見つかりません。", code: "NOT_FOUND", id: item.item.id }]);
      expect(JSON.stringify(res)).not.toContain(id);
    }
  });
});
