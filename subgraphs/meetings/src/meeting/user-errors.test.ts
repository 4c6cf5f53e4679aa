import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

/** A form marks every bad field at once: each mutation with an input object lists every problem, and writes nothing. */
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const CHAIR: [string, string[]] = ["fukushi-suishin-bu", ["chair"]];
const JAPANESE = /[ぁ-んァ-ン一-龥]/;
type Problem = { code: string; field: string[] | null; message: string };

const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from meetings.${table}`);
  return Number(row!.n);
};
const tables = ["meeting", "agenda_item", "action_item", "topic", "outbox_event"];
const counts = () => Promise.all(tables.map(count));

function expectProblems(errors: Problem[], expected: [code: string, field: string[]][]) {
  expect(errors.map((e) => [e.code, e.field])).toEqual(expected);
  for (const e of errors) expect(e.message).toMatch(JAPANESE);
}

const SCHEDULE = `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } userErrors { code field message } } }`;

async function meetingWithItem() {
  const made = await sg.query(
    SCHEDULE,
    { input: { bodyCode: "marugoto-council", title: "会議", startsAt: "2030-05-01T05:00:00Z" } },
    ...CHAIR,
  );
  const meetingId = made.data!.scheduleMeeting.meeting.id as string;
  const added = await sg.query(
    `mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { item { id } } }`,
    { input: { meetingId, kind: "TOPIC", title: "議題" } },
    ...CHAIR,
  );
  return { meetingId, itemId: added.data!.addAgendaItem.item.id as string };
}

describe("userErrors list every problem of an input", () => {
  it("scheduleMeeting: title, end, place and each bad member code, with its index", async () => {
    const before = await counts();
    const res = await sg.query(
      SCHEDULE,
      {
        input: {
          bodyCode: "marugoto-council",
          title: " ",
          startsAt: "2030-05-01T05:00:00Z",
          endsAt: "2030-04-01T00:00:00Z",
          place: "会".repeat(201),
          memberCodes: ["nozei", "Not A Code", "no-such-org"],
        },
      },
      ...CHAIR,
    );
    expect(res.data!.scheduleMeeting.meeting).toBeNull();
    expectProblems(res.data!.scheduleMeeting.userErrors, [
      ["REQUIRED", ["title"]],
      ["ENDS_BEFORE_START", ["endsAt"]],
      ["TOO_LONG", ["place"]],
      ["INVALID_ORGANIZATION_CODE", ["memberCodes", "1"]],
      ["UNKNOWN_ORGANIZATION", ["memberCodes", "2"]],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("addAgendaItem: the case rule, title, description, time and presenter together", async () => {
    const { meetingId } = await meetingWithItem();
    const before = await counts();
    const res = await sg.query(
      `mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { item { id } userErrors { code field message } } }`,
      { input: { meetingId, kind: "CASE", title: "", description: "説".repeat(4001), timeboxMinutes: 0, presenterCode: "nobody-here" } },
      ...CHAIR,
    );
    expect(res.data!.addAgendaItem.item).toBeNull();
    expectProblems(res.data!.addAgendaItem.userErrors, [
      ["CASE_ITEM_NOT_ALLOWED", ["kind"]],
      ["REQUIRED", ["title"]],
      ["TOO_LONG", ["description"]],
      ["INVALID_TIMEBOX", ["timeboxMinutes"]],
      ["UNKNOWN_ORGANIZATION", ["presenterCode"]],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("updateAgendaItem: nothing changes when any field is wrong", async () => {
    const { meetingId, itemId } = await meetingWithItem();
    const before = await counts();
    const res = await sg.query(
      `mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { item { id } userErrors { code field message } } }`,
      { input: { itemId, title: "新しい議題名", description: "説".repeat(4001), timeboxMinutes: 601, presenterCode: "Bad Code" } },
      ...CHAIR,
    );
    expectProblems(res.data!.updateAgendaItem.userErrors, [
      ["TOO_LONG", ["description"]],
      ["INVALID_ORGANIZATION_CODE", ["presenterCode"]],
      ["INVALID_TIMEBOX", ["timeboxMinutes"]],
    ]);
    const agenda = await sg.query(`query ($id: ID!) { meeting(id: $id) { agenda { title } } }`, { id: meetingId }, ...CHAIR);
    expect(agenda.data!.meeting.agenda).toEqual([{ title: "議題" }]);
    expect(await counts()).toEqual(before);
  });

  it("createActionItem: title, assignee and person together", async () => {
    const { itemId } = await meetingWithItem();
    const before = await counts();
    const res = await sg.query(
      `mutation ($input: CreateActionItemInput!) { createActionItem(input: $input) { actionItem { id } userErrors { code field message } } }`,
      { input: { itemId, title: "", assigneeCode: "no-such-org", assigneePerson: "担".repeat(101) } },
      ...CHAIR,
    );
    expectProblems(res.data!.createActionItem.userErrors, [
      ["REQUIRED", ["title"]],
      ["UNKNOWN_ORGANIZATION", ["assigneeCode"]],
      ["TOO_LONG", ["assigneePerson"]],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("rescheduleMeeting: the end and the place together, and the meeting unchanged", async () => {
    const { meetingId } = await meetingWithItem();
    const before = await counts();
    const res = await sg.query(
      `mutation ($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { meeting { id } userErrors { code field message } } }`,
      { input: { meetingId, startsAt: "2030-06-01T05:00:00Z", endsAt: "2030-06-01T04:00:00Z", place: "所".repeat(201) } },
      ...CHAIR,
    );
    expectProblems(res.data!.rescheduleMeeting.userErrors, [
      ["ENDS_BEFORE_START", ["endsAt"]],
      ["TOO_LONG", ["place"]],
    ]);
    const meeting = await sg.query(`query ($id: ID!) { meeting(id: $id) { startsAt } }`, { id: meetingId }, ...CHAIR);
    expect(meeting.data!.meeting.startsAt).toBe("2030-05-01T05:00:00.000Z");
    expect(await counts()).toEqual(before);
  });

  it("raiseTopic: the target and each field that is empty or names a person", async () => {
    const support = await sg.query(
      SCHEDULE,
      { input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2030-05-01T05:00:00Z" } },
      "seikatsu-fukushi",
      ["chair"],
    );
    const meetingId = support.data!.scheduleMeeting.meeting.id as string;
    const before = await counts();
    const res = await sg.query(
      `mutation ($input: RaiseTopicInput!) { raiseTopic(input: $input) { topic { id } userErrors { code field message } } }`,
      {
        input: {
          meetingId,
          targetBodyCode: "support-meeting",
          title: "",
          description: "ケース番号2024-00012の世帯で、受け入れ先が見つからない",
          category: "就労",
        },
      },
      "seikatsu-fukushi",
      ["chair"],
    );
    expect(res.data!.raiseTopic.topic).toBeNull();
    const errors = res.data!.raiseTopic.userErrors as Problem[];
    expect(errors.map((e) => e.field)).toEqual([["targetBodyCode"], ["title"], ["description"]]);
    expect(errors.slice(0, 2).map((e) => e.code)).toEqual(["TOPIC_TARGET_INVALID", "REQUIRED"]);
    for (const e of errors) expect(e.message).toMatch(JAPANESE);
    expect(await counts()).toEqual(before);
  });

  it("reassignActionItem: the assignee and the person together, and the task unchanged", async () => {
    const { itemId } = await meetingWithItem();
    const made = await sg.query(
      `mutation ($input: CreateActionItemInput!) { createActionItem(input: $input) { actionItem { id } } }`,
      { input: { itemId, title: "資料の準備", assigneeCode: "nozei" } },
      ...CHAIR,
    );
    const id = made.data!.createActionItem.actionItem.id as string;
    const before = await counts();
    const res = await sg.query(
      `mutation ($id: ID!) { reassignActionItem(id: $id, assigneeCode: "Not A Code", assigneePerson: "${"担".repeat(101)}") { actionItem { id } userErrors { code field message } } }`,
      { id },
      ...CHAIR,
    );
    expectProblems(res.data!.reassignActionItem.userErrors, [
      ["INVALID_ORGANIZATION_CODE", ["assigneeCode"]],
      ["TOO_LONG", ["assigneePerson"]],
    ]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ assignee_code: string }[]>(`select assignee_code from meetings.action_item where id = ?`, [id]);
    expect(row!.assignee_code).toBe("nozei");
    expect(await counts()).toEqual(before);
  });

  it("draftMinutes: the content and a next review date the body does not take, together", async () => {
    const { meetingId } = await meetingWithItem();
    const before = await Promise.all([counts(), count("minutes")]);
    const res = await sg.query(
      `mutation ($id: ID!) { draftMinutes(meetingId: $id, content: " ", nextReviewDate: "2030-06-01") { minutes { content } userErrors { code field message } } }`,
      { id: meetingId },
      ...CHAIR,
    );
    expectProblems(res.data!.draftMinutes.userErrors, [
      ["REQUIRED", ["content"]],
      ["NEXT_REVIEW_NOT_APPLICABLE", ["nextReviewDate"]],
    ]);
    expect(await Promise.all([counts(), count("minutes")])).toEqual(before);
  });

  it("a single problem is still one user error", async () => {
    const res = await sg.query(
      SCHEDULE,
      { input: { bodyCode: "marugoto-council", title: "", startsAt: "2030-05-01T05:00:00Z" } },
      ...CHAIR,
    );
    expectProblems(res.data!.scheduleMeeting.userErrors, [["REQUIRED", ["title"]]]);
  });
});
