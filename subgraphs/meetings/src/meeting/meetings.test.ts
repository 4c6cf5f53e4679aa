import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

type Who = [org: string, roles: string[]];
const CHAIR: Who = ["fukushi-suishin-bu", ["chair"]]; // 福祉まるごと会議's chair
const SUPPORT_CHAIR: Who = ["seikatsu-fukushi", ["chair"]]; // 支援会議's chair

const SCHEDULE = `mutation ($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { meeting { id confidential status members { role organization { code } } } userErrors { code message field } }
}`;
const ADD = `mutation ($input: AddAgendaItemInput!) {
  addAgendaItem(input: $input) { item { id kind title status position } userErrors { code message field } }
}`;
const AGENDA = `query ($id: ID!) { meeting(id: $id) { id status currentItem { id } agenda { id title kind status position redacted caseId } } }`;

async function schedule(bodyCode: string, who: Who, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await sg.query(
    SCHEDULE,
    { input: { bodyCode, title: `${bodyCode} テスト`, startsAt: "2030-05-01T05:00:00Z", ...extra } },
    ...who,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.scheduleMeeting.userErrors).toEqual([]);
  return res.data!.scheduleMeeting.meeting.id;
}

async function addItem(meetingId: string, title: string, who: Who = CHAIR, extra: Record<string, unknown> = {}) {
  const res = await sg.query(ADD, { input: { meetingId, kind: "TOPIC", title, ...extra } }, ...who);
  expect(res.errors).toBeUndefined();
  return res.data!.addAgendaItem as { item: { id: string } | null; userErrors: { code: string; message: string }[] };
}

const outboxCount = async () => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from meetings.outbox_event`);
  return Number(row!.n);
};

describe("meetings: scheduling and membership", () => {
  it("copies the body's roster into a new sitting, chair first", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const res = await sg.query(
      `query ($id: ID!) { meeting(id: $id) { confidential members { role organization { code } } body { kind } } }`,
      { id },
    );
    const meeting = res.data!.meeting;
    expect(meeting.confidential).toBe(false);
    expect(meeting.body.kind).toBe("MARUGOTO_COUNCIL");
    expect(meeting.members).toHaveLength(28);
    expect(meeting.members[0]).toEqual({ role: "CHAIR", organization: { code: "fukushi-suishin-bu" } });
  });

  it("lets only the body's chair or secretariat schedule", async () => {
    const res = await sg.query(
      SCHEDULE,
      { input: { bodyCode: "marugoto-council", title: "x", startsAt: "2030-05-01T05:00:00Z" } },
      "nozei",
      ["chair"],
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses bad input as user errors and writes nothing", async () => {
    const before = await outboxCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "  " }, "REQUIRED"],
      [{ endsAt: "2030-04-01T00:00:00Z" }, "ENDS_BEFORE_START"],
      [{ memberCodes: ["Not A Code"] }, "INVALID_ORGANIZATION_CODE"],
      [{ bodyCode: "no-such-body" }, "BODY_NOT_FOUND"],
      [{ place: "会".repeat(201) }, "TOO_LONG"], // found by the property tests: it reached the database once
    ];
    for (const [input, code] of cases) {
      const res = await sg.query(
        SCHEDULE,
        { input: { bodyCode: "marugoto-council", startsAt: "2030-05-01T05:00:00Z", title: "会議", ...input } },
        ...CHAIR,
      );
      expect(res.data!.scheduleMeeting).toMatchObject({ meeting: null, userErrors: [{ code }] });
      expect(res.data!.scheduleMeeting.userErrors[0].message).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    expect(await outboxCount()).toBe(before);
  });

  it("answers a list of thousands of bad members with one error, and a longer list of problems with its first 50 and a note", async () => {
    const before = await outboxCount();
    const input = (memberCodes: string[]) => ({
      input: { bodyCode: "marugoto-council", title: "構成員の確認", startsAt: "2030-05-01T05:00:00Z", memberCodes },
    });
    const flood = await sg.query(SCHEDULE, input(Array.from({ length: 100_000 }, () => "A")), ...CHAIR);
    expect(flood.data!.scheduleMeeting.userErrors.map((e: { code: string }) => e.code)).toEqual(["TOO_MANY_MEMBERS"]);
    const many = await sg.query(SCHEDULE, input(Array.from({ length: 120 }, (_, i) => `no-such-org-${i}`)), ...CHAIR);
    const codes = many.data!.scheduleMeeting.userErrors.map((e: { code: string }) => e.code) as string[];
    expect(codes).toHaveLength(51);
    expect(codes.slice(0, 50).every((c) => c === "UNKNOWN_ORGANIZATION")).toBe(true);
    expect(codes[50]).toBe("TOO_MANY_PROBLEMS");
    expect(await outboxCount()).toBe(before);
  });

  it("makes case meetings confidential whatever is asked", async () => {
    const res = await sg.query(
      SCHEDULE,
      { input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2030-05-01T05:00:00Z", confidential: false } },
      "seikatsu-fukushi",
      ["chair"],
    );
    expect(res.data!.scheduleMeeting.userErrors[0].code).toBe("CASE_MEETING_MUST_BE_CONFIDENTIAL");
    const id = await schedule("support-meeting", SUPPORT_CHAIR);
    expect(
      (await sg.query(`query ($id: ID!) { meeting(id: $id) { confidential } }`, { id }, "seikatsu-fukushi")).data!.meeting.confidential,
    ).toBe(true);
  });
});

describe("meetings: the live agenda", () => {
  it("adds, reorders, starts, advances and defers, and refuses what the rules forbid", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const [a, b, c] = [await addItem(id, "議題A"), await addItem(id, "議題B"), await addItem(id, "議題C")].map((r) => r.item!.id);
    const reorder = `mutation ($id: ID!, $ids: [ID!]!) { reorderAgenda(meetingId: $id, itemIds: $ids) { meeting { agenda { id } } userErrors { code } } }`;
    const bad = await sg.query(reorder, { id, ids: [c, a] }, ...CHAIR);
    expect(bad.data!.reorderAgenda.userErrors).toEqual([{ code: "INVALID_ORDER" }]);
    const ok = await sg.query(reorder, { id, ids: [c, a, b] }, ...CHAIR);
    expect(ok.data!.reorderAgenda.meeting.agenda.map((i: { id: string }) => i.id)).toEqual([c, a, b]);

    const advanceEarly = await sg.query(`mutation ($id: ID!) { advanceAgenda(meetingId: $id) { userErrors { code } } }`, { id }, ...CHAIR);
    expect(advanceEarly.data!.advanceAgenda.userErrors).toEqual([{ code: "MEETING_NOT_IN_PROGRESS" }]);
    await sg.query(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id }, ...CHAIR);
    let agenda = (await sg.query(AGENDA, { id }, "nozei")).data!.meeting;
    expect(agenda.status).toBe("IN_PROGRESS");
    expect(agenda.currentItem.id).toBe(c);
    await sg.query(`mutation ($id: ID!) { advanceAgenda(meetingId: $id) { userErrors { code } } }`, { id }, ...CHAIR);
    await sg.query(`mutation ($id: ID!) { deferAgendaItem(itemId: $id) { userErrors { code } } }`, { id: a }, ...CHAIR);
    agenda = (await sg.query(AGENDA, { id }, "nozei")).data!.meeting;
    expect(agenda.agenda.map((i: { status: string }) => i.status)).toEqual(["DONE", "DEFERRED", "CURRENT"]);
    expect(agenda.currentItem.id).toBe(b);
  });

  it("cancels a meeting only before it opens: once started, cancelMeeting is INVALID_MEETING_STATUS and changes nothing", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const started = await sg.query(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id }, ...CHAIR);
    expect(started.data!.startMeeting.userErrors).toEqual([]);
    const row = async () =>
      (
        await sg.running.em
          .fork()
          .execute<{ status: string; sequence: number; updated_at: Date }[]>(
            `select status, sequence, updated_at from meetings.meeting where id = ?`,
            [id],
          )
      )[0];
    const [before, events] = [await row(), await outboxCount()];
    expect(before!.status).toBe("IN_PROGRESS");
    const cancel = await sg.query(
      `mutation ($id: ID!) { cancelMeeting(meetingId: $id) { meeting { status } userErrors { code message } } }`,
      { id },
      ...CHAIR,
    );
    expect(cancel.data!.cancelMeeting).toEqual({
      meeting: null,
      userErrors: [{ code: "INVALID_MEETING_STATUS", message: "中止できるのは、開会前の会議だけです。" }],
    });
    expect(await row()).toEqual(before);
    expect(await outboxCount()).toBe(events);
  });

  it("lets members read but only the chair (or a named secretary) edit", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const asMember = await sg.query(ADD, { input: { meetingId: id, kind: "REPORT", title: "x" } }, "nozei", ["staff"]);
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const staffOfChair = await sg.query(ADD, { input: { meetingId: id, kind: "REPORT", title: "x" } }, "fukushi-suishin-bu", ["staff"]);
    expect(staffOfChair.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await sg.query(
      `mutation ($id: ID!) { nameSecretary(meetingId: $id, organizationCode: "seikatsu-fukushi") { userErrors { code } } }`,
      { id },
      ...CHAIR,
    );
    expect((await addItem(id, "書記が追加", ["seikatsu-fukushi", ["secretary"]])).userErrors).toEqual([]);
  });

  it("refuses a case item on 福祉まるごと会議 with a clear user error, and accepts one on 支援会議", async () => {
    const council = await schedule("marugoto-council", CHAIR);
    const before = await outboxCount();
    const refused = await addItem(council, "ケース検討", CHAIR, { kind: "CASE", caseId: "0190f3b0-0000-7000-8000-000000000001" });
    expect(refused.item).toBeNull();
    expect(refused.userErrors[0]).toMatchObject({ code: "CASE_ITEM_NOT_ALLOWED" });
    expect(refused.userErrors[0]!.message).toContain("個別ケース");
    expect((await sg.query(AGENDA, { id: council })).data!.meeting.agenda).toEqual([]);
    expect(await outboxCount()).toBe(before);

    const support = await schedule("support-meeting", SUPPORT_CHAIR);
    const accepted = await addItem(support, "Aさん世帯の支援方針", SUPPORT_CHAIR, {
      kind: "CASE",
      caseId: "0190f3b0-0000-7000-8000-000000000001",
    });
    expect(accepted.userErrors).toEqual([]);
  });

  it("shows a case item's contents only to members whose organisation pledged", async () => {
    const id = await schedule("support-meeting", SUPPORT_CHAIR, { memberCodes: ["kaigo-hoken"] });
    await addItem(id, "Aさん世帯の支援方針", SUPPORT_CHAIR, { kind: "CASE", caseId: "0190f3b0-0000-7000-8000-000000000002" });
    const before = (await sg.query(AGENDA, { id }, "kaigo-hoken")).data!.meeting.agenda[0];
    expect(before).toMatchObject({ kind: "CASE", redacted: true, caseId: null });
    expect(before.title).not.toContain("Aさん");
    const pledge = await sg.query(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { meeting { members { organization { code } pledged pledgedAt } } userErrors { code } } }`,
      { id },
      "kaigo-hoken",
    );
    expect(pledge.data!.pledgeConfidentiality.userErrors).toEqual([]);
    const after = (await sg.query(AGENDA, { id }, "kaigo-hoken")).data!.meeting.agenda[0];
    expect(after).toMatchObject({ title: "Aさん世帯の支援方針", redacted: false, caseId: "0190f3b0-0000-7000-8000-000000000002" });
    // The pledge's time, as a later read of the meeting shows it.
    const members = (
      await sg.query(`query ($id: ID!) { meeting(id: $id) { members { organization { code } pledged pledgedAt } } }`, { id }, "kaigo-hoken")
    ).data!.meeting.members as { organization: { code: string }; pledged: boolean; pledgedAt: string | null }[];
    const mine = members.find((m) => m.organization.code === "kaigo-hoken")!;
    expect(mine.pledged).toBe(true);
    expect(Math.abs(Date.parse(mine.pledgedAt!) - Date.now())).toBeLessThan(60_000);
    expect(members.filter((m) => m.organization.code !== "kaigo-hoken").every((m) => m.pledgedAt === null && !m.pledged)).toBe(true);
  });
});

describe("meetings: confidentiality towards non-members", () => {
  it("hides a confidential meeting from a non-member in queries, lists and _entities", async () => {
    const id = await schedule("support-meeting", SUPPORT_CHAIR);
    expect((await sg.query(`query ($id: ID!) { meeting(id: $id) { id } }`, { id }, "koho")).data!.meeting).toBeNull();
    const list = await sg.query(`{ meetings(first: 200) { nodes { id } } }`, {}, "koho");
    expect(list.data!.meetings.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
    const entities = await sg.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id title } } }`,
      { r: [{ __typename: "Meeting", id }] },
      "koho",
    );
    expect(entities.data!._entities).toEqual([null]);
    const asMember = await sg.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id } } }`,
      { r: [{ __typename: "Meeting", id }] },
      "seikatsu-fukushi",
    );
    expect(asMember.data!._entities).toEqual([{ id }]);
    const edit = await sg.query(ADD, { input: { meetingId: id, kind: "REPORT", title: "x" } }, "koho", ["chair"]);
    expect(edit.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("answers ids that cannot exist with NOT_FOUND, never an internal error", async () => {
    const res = await sg.query(ADD, { input: { meetingId: "not-a-uuid", kind: "REPORT", title: "x" } }, ...CHAIR);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await sg.query(`{ meeting(id: "x") { id } }`)).data!.meeting).toBeNull();
  });
});

describe("meetings: decisions, action items, minutes and topics", () => {
  it("gives 納税課 an action item it can progress, that the chair can reassign, and derives overdue", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const item = (await addItem(id, "滞納世帯への案内"))!.item!.id;
    const created = await sg.query(
      `mutation ($input: CreateActionItemInput!) { createActionItem(input: $input) { actionItem { id status overdue assignee { code } } userErrors { code } } }`,
      { input: { itemId: item, title: "相談窓口の案内文を作成", assigneeCode: "nozei", dueDate: "2020-01-31" } },
      ...CHAIR,
    );
    const action = created.data!.createActionItem.actionItem;
    expect(action).toMatchObject({ status: "OPEN", overdue: true, assignee: { code: "nozei" } });

    const ofNozei = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { actionItems(status: [OPEN, IN_PROGRESS]) { nodes { id title } } } } }`;
    const listed = await sg.query(ofNozei, { r: [{ __typename: "Organization", code: "nozei" }] }, "nozei");
    expect(listed.data!._entities[0].actionItems.nodes).toContainEqual({ id: action.id, title: "相談窓口の案内文を作成" });

    const update = `mutation ($id: ID!, $s: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $s) { actionItem { status overdue } userErrors { code } } }`;
    expect((await sg.query(update, { id: action.id, s: "DONE" }, "koho")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await sg.query(update, { id: action.id, s: "CANCELLED" }, "nozei")).data!.updateActionItemStatus.userErrors).toEqual([
      { code: "CANCEL_BY_CHAIR_ONLY" },
    ]);
    expect((await sg.query(update, { id: action.id, s: "DONE" }, "nozei")).data!.updateActionItemStatus.actionItem).toEqual({
      status: "DONE",
      overdue: false,
    });

    const reassign = await sg.query(
      `mutation ($id: ID!) { reassignActionItem(id: $id, assigneeCode: "kokuho") { actionItem { assignee { code } } } }`,
      { id: action.id },
      ...CHAIR,
    );
    expect(reassign.data!.reassignActionItem.actionItem.assignee.code).toBe("kokuho");
  });

  it("locks minutes once the chair approves them; a next review date only for case meetings", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const draft = `mutation ($id: ID!, $d: LocalDate) { draftMinutes(meetingId: $id, content: "議事の概要", nextReviewDate: $d) { minutes { status } userErrors { code } } }`;
    expect((await sg.query(draft, { id, d: "2030-06-01" }, ...CHAIR)).data!.draftMinutes.userErrors).toEqual([
      { code: "NEXT_REVIEW_NOT_APPLICABLE" },
    ]);
    expect((await sg.query(draft, { id }, ...CHAIR)).data!.draftMinutes.minutes).toEqual({ status: "DRAFT" });
    const approve = `mutation ($id: ID!) { approveMinutes(meetingId: $id) { minutes { status approvedAt } userErrors { code } } }`;
    await sg.query(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id }, ...CHAIR);
    await sg.query(`mutation ($id: ID!) { closeMeeting(meetingId: $id) { userErrors { code } } }`, { id }, ...CHAIR);
    expect((await sg.query(approve, { id }, ...CHAIR)).data!.approveMinutes.minutes.status).toBe("APPROVED");
    expect((await sg.query(draft, { id }, ...CHAIR)).data!.draftMinutes.userErrors).toEqual([{ code: "MINUTES_LOCKED" }]);
  });

  it("gives no minutes file for a meeting without minutes (NO_MINUTES), and one once they are drafted", async () => {
    const id = await schedule("marugoto-council", CHAIR);
    const request = `mutation ($id: ID!) { requestMinutesFile(meetingId: $id) { link { fileName } userErrors { code message field } } }`;
    expect((await sg.query(request, { id }, "nozei")).data!.requestMinutesFile).toEqual({
      link: null,
      userErrors: [{ code: "NO_MINUTES", message: "この会議の議事録はまだ作成されていません。", field: ["meetingId"] }],
    });
    const drafted = await sg.query(
      `mutation ($id: ID!) { draftMinutes(meetingId: $id, content: "議事の概要") { userErrors { code } } }`,
      { id },
      ...CHAIR,
    );
    expect(drafted.data!.draftMinutes.userErrors).toEqual([]);
    expect((await sg.query(request, { id }, "nozei")).data!.requestMinutesFile).toEqual({
      link: { fileName: `議事録_${id}.pdf` },
      userErrors: [],
    });
  });

  it("refuses identifying details in a policy body's free text, field by field and writing nothing, and takes them in a 支援会議", async () => {
    const NAMED = "山田太郎さんの世帯について";
    const codesOf = (payload: { userErrors: { code: string; field: string[] }[] }) => payload.userErrors.map((e) => [e.code, e.field]);
    const council = await schedule("marugoto-council", CHAIR);
    const before = await outboxCount();
    const named = await sg.query(
      SCHEDULE,
      { input: { bodyCode: "marugoto-council", title: NAMED, startsAt: "2030-05-01T05:00:00Z" } },
      ...CHAIR,
    );
    expect(codesOf(named.data!.scheduleMeeting)).toEqual([["IDENTIFYING_DETAILS", ["title"]]]);
    const added = await addItem(council, NAMED, CHAIR, { description: "連絡先は 023-641-1212" });
    expect(codesOf(added as never)).toEqual([
      ["IDENTIFYING_DETAILS", ["title"]],
      ["IDENTIFYING_DETAILS", ["description"]],
    ]);
    expect(await outboxCount()).toBe(before);
    const item = (await addItem(council, "生活困窮世帯への連携体制"))!.item!.id;
    const update = `mutation ($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { userErrors { code field } } }`;
    expect(codesOf((await sg.query(update, { i: { itemId: item, title: NAMED } }, ...CHAIR)).data!.updateAgendaItem)).toEqual([
      ["IDENTIFYING_DETAILS", ["title"]],
    ]);
    const decide = `mutation ($id: ID!, $c: String!) { recordDecision(itemId: $id, content: $c) { userErrors { code field } } }`;
    await sg.query(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: council }, ...CHAIR);
    expect(codesOf((await sg.query(decide, { id: item, c: NAMED }, ...CHAIR)).data!.recordDecision)).toEqual([
      ["IDENTIFYING_DETAILS", ["content"]],
    ]);
    const task = `mutation ($input: CreateActionItemInput!) { createActionItem(input: $input) { userErrors { code field } } }`;
    expect(
      codesOf((await sg.query(task, { input: { itemId: item, title: NAMED, assigneeCode: "nozei" } }, ...CHAIR)).data!.createActionItem),
    ).toEqual([["IDENTIFYING_DETAILS", ["title"]]]);
    const minutes = `mutation ($id: ID!, $c: String!) { draftMinutes(meetingId: $id, content: $c) { userErrors { code field } } }`;
    expect(codesOf((await sg.query(minutes, { id: council, c: `議事の概要。${NAMED}` }, ...CHAIR)).data!.draftMinutes)).toEqual([
      ["IDENTIFYING_DETAILS", ["content"]],
    ]);
    const agenda = (await sg.query(AGENDA, { id: council }, ...CHAIR)).data!.meeting.agenda as { title: string }[];
    expect(agenda.map((i) => i.title)).toEqual(["生活困窮世帯への連携体制"]);

    // A 支援会議's members hold the duty of confidentiality: the same text is taken there.
    const support = await schedule("support-meeting", SUPPORT_CHAIR);
    expect((await addItem(support, NAMED, SUPPORT_CHAIR)).userErrors).toEqual([]);
    // Not its title or place, though: any member sees them before a pledge, and so do calendars.
    const beforeOpen = await outboxCount();
    const titled = await sg.query(
      SCHEDULE,
      {
        input: { bodyCode: "support-meeting", title: "支援会議（山田太郎さん世帯）", place: "山田様宅", startsAt: "2030-05-02T05:00:00Z" },
      },
      ...SUPPORT_CHAIR,
    );
    expect(codesOf(titled.data!.scheduleMeeting)).toEqual([
      ["IDENTIFYING_DETAILS", ["title"]],
      ["IDENTIFYING_DETAILS", ["place"]],
    ]);
    const moved = await sg.query(
      `mutation ($id: ID!) { rescheduleMeeting(input: { meetingId: $id, startsAt: "2030-05-03T05:00:00Z", place: "緑町三の五の佐藤家" }) { userErrors { code field } } }`,
      { id: support },
      ...SUPPORT_CHAIR,
    );
    expect(codesOf(moved.data!.rescheduleMeeting)).toEqual([["IDENTIFYING_DETAILS", ["place"]]]);
    expect(await outboxCount()).toBe(beforeOpen);
    const fine = await sg.query(
      SCHEDULE,
      { input: { bodyCode: "support-meeting", title: "支援会議（第3回）", place: "本庁舎 会議室", startsAt: "2030-05-02T05:00:00Z" } },
      ...SUPPORT_CHAIR,
    );
    expect(fine.data!.scheduleMeeting.userErrors).toEqual([]);
  });

  it("raises de-identified topics only from case meetings to policy bodies, with no way to name a case", async () => {
    const support = await schedule("support-meeting", SUPPORT_CHAIR);
    const council = await schedule("marugoto-council", CHAIR);
    const raise = `mutation ($input: RaiseTopicInput!) { raiseTopic(input: $input) { topic { title originKind status targetBody { code } } userErrors { code } } }`;
    const input = {
      targetBodyCode: "marugoto-council",
      title: "就労体験の受け入れ先不足",
      description: "中高年の参加支援先が足りない",
      category: "就労",
    };
    const ok = await sg.query(raise, { input: { ...input, meetingId: support } }, ...SUPPORT_CHAIR);
    expect(ok.data!.raiseTopic.topic).toEqual({
      title: "就労体験の受け入れ先不足",
      originKind: "SUPPORT_MEETING",
      status: "RAISED",
      targetBody: { code: "marugoto-council" },
    });
    const fromCouncil = await sg.query(raise, { input: { ...input, meetingId: council } }, ...CHAIR);
    expect(fromCouncil.data!.raiseTopic.userErrors).toEqual([{ code: "TOPIC_ORIGIN_NOT_CASE_MEETING" }]);
    const toCaseBody = await sg.query(
      raise,
      { input: { ...input, meetingId: support, targetBodyCode: "support-meeting" } },
      ...SUPPORT_CHAIR,
    );
    expect(toCaseBody.data!.raiseTopic.userErrors).toEqual([{ code: "TOPIC_TARGET_INVALID" }]);
    const fields = await sg.query(
      `{ a: __type(name: "RaiseTopicInput") { inputFields { name } } b: __type(name: "Topic") { fields { name } } }`,
    );
    const names = [...fields.data!.a.inputFields, ...fields.data!.b.fields].map((f: { name: string }) => f.name.toLowerCase());
    expect(names.filter((n) => /case|person|meetingid$/.test(n) && n !== "meetingid")).toEqual([]);
    expect(fields.data!.b.fields.map((f: { name: string }) => f.name)).not.toContain("meeting");
  });

  it("moves a topic along its legal steps only, and of two editors at once judges the second by the first's result", async () => {
    const support = await schedule("support-meeting", SUPPORT_CHAIR);
    const raised = await sg.query(
      `mutation ($input: RaiseTopicInput!) { raiseTopic(input: $input) { topic { id } userErrors { code } } }`,
      {
        input: {
          meetingId: support,
          targetBodyCode: "marugoto-council",
          title: "移動支援の不足",
          description: "通院の足がない",
          category: "移動",
        },
      },
      ...SUPPORT_CHAIR,
    );
    const id = raised.data!.raiseTopic.topic.id as string;
    const SECRETARIAT: Who = ["seikatsu-fukushi", ["secretary"]];
    const move = async (status: string, who: Who) => {
      const res = await sg.query(
        `mutation ($id: ID!, $status: TopicStatus!) { updateTopicStatus(id: $id, status: $status) { topic { status } userErrors { code message field } } }`,
        { id, status },
        ...who,
      );
      return { errors: res.errors, ...(res.data?.updateTopicStatus ?? {}) } as {
        errors?: { extensions?: { code?: string } }[];
        topic: { status: string } | null;
        userErrors: { code: string; message: string; field: string[] }[];
      };
    };
    const statusNow = async () => (await sg.query(`{ topics { id status } }`)).data!.topics.find((t: { id: string }) => t.id === id).status;

    // A member of the council holds no seat that moves topics; nothing changes.
    const member = await move("UNDER_DISCUSSION", ["choju-shien", []]);
    expect(member.topic ?? null).toBeNull();
    expect(JSON.stringify(member)).toContain("FORBIDDEN");
    // Nor does a staff member of the chair's organisation: the seat acts through its chair or secretary.
    const staff = await move("UNDER_DISCUSSION", ["fukushi-suishin-bu", ["staff"]]);
    expect(staff.topic ?? null).toBeNull();
    expect(JSON.stringify(staff)).toContain("FORBIDDEN");
    expect(await statusNow()).toBe("RAISED");
    // 採用 straight from 提起済み skips the discussion: refused in Japanese, naming both statuses.
    const skip = await move("ADOPTED", CHAIR);
    expect(skip.topic).toBeNull();
    expect(skip.userErrors).toEqual([
      { code: "TOPIC_STATUS_TRANSITION_INVALID", message: "検討課題は「提起済み」から「採用」へは変更できません。", field: ["status"] },
    ]);
    expect(await statusNow()).toBe("RAISED");
    expect((await move("UNDER_DISCUSSION", SECRETARIAT)).topic).toEqual({ status: "UNDER_DISCUSSION" });
    // The status it already has: accepted, nothing changes.
    expect(await move("UNDER_DISCUSSION", CHAIR)).toMatchObject({ topic: { status: "UNDER_DISCUSSION" }, userErrors: [] });

    // The chair adopts while the secretariat declines, both from 検討中, both begun before either can finish:
    // the first lands and the second is judged against it (without the lock both read 検討中 and the later
    // write silently replaced the earlier).
    const answers = await whileRowHeld(sg.running.em, "meetings.topic", id, [
      () => move("ADOPTED", CHAIR),
      () => move("DECLINED", SECRETARIAT),
    ]);
    expect(answers.map((r) => r.topic)).toEqual([{ status: "ADOPTED" }, null]);
    expect(answers[1]!.userErrors).toEqual([
      { code: "TOPIC_STATUS_TRANSITION_INVALID", message: "検討課題は「採用」から「見送り」へは変更できません。", field: ["status"] },
    ]);
    expect(await statusNow()).toBe("ADOPTED");
    // 採用 is final.
    expect((await move("UNDER_DISCUSSION", CHAIR)).userErrors.map((e) => e.code)).toEqual(["TOPIC_STATUS_TRANSITION_INVALID"]);
  });
});

describe("meetings: batching", () => {
  it("reads an agenda of 1,000 items in as many statements as one of 10", async () => {
    const measure = async (n: number) => {
      const id = await schedule("marugoto-council", CHAIR);
      const em = sg.running.em.fork();
      await em.getConnection().execute(
        `insert into meetings.agenda_item (id, meeting_id, position, kind, title, presenter_code, status, created_at, updated_at)
         select gen_random_uuid(), ?, g, 'TOPIC', '議題' || g, 'nozei', 'PENDING', now(), now() from generate_series(0, ? - 1) g`,
        [id, n],
      );
      const { result, statements } = await sg.running.counter.measure(() =>
        sg.query(
          `query ($id: ID!) { meeting(id: $id) { title body { name } members { organization { code } } currentItem { id }
          agenda { id title presenter { code } decisions { content } actionItems { title assignee { code } overdue } } minutes { status } } }`,
          { id },
        ),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.meeting.agenda).toHaveLength(n);
      return statements.length;
    };
    expect(await measure(1000)).toBe(await measure(10));
  });
});

describe("meetings: a page of meetings", () => {
  it("reads a page of meetings in three statements: the page with its cursor, memberships and bodies; the members; the agendas", async () => {
    await schedule("marugoto-council", CHAIR);
    await schedule("marugoto-council", CHAIR);
    const { result, statements } = await sg.running.counter.measure(() =>
      sg.query(
        `query { meetings(first: 50) { nodes { id title eventCursor body { name kind } agenda { id title presenter { code } } } } }`,
        {},
        ...CHAIR,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect((result.data!.meetings as { nodes: unknown[] }).nodes.length).toBeGreaterThanOrEqual(2);
    const reading = (table: string) => statements.filter((s) => new RegExp(`from "?meetings"?\\."?${table}"?\\b`, "i").test(s));
    // First, one statement (one snapshot): the operation's cursor, the caller's memberships (which
    // confidential meetings it may list), the page's rows and their bodies (which the `body` field then finds).
    expect(reading("outbox_event")).toEqual([statements[0]]);
    expect(/max\(seq\)/i.test(statements[0]!)).toBe(true);
    expect(reading("meeting")).toEqual([statements[0]]);
    expect(reading("meeting_member")[0]).toBe(statements[0]);
    expect(statements.filter((s) => /"?meetings"?\."?meeting_body"?\b/i.test(s))).toEqual([statements[0]]);
    // Then the page's members and agendas.
    expect(reading("meeting_member")).toHaveLength(2);
    expect(reading("agenda_item")).toHaveLength(1);
    expect(statements).toHaveLength(3);
  });

  it("gives 50 meetings a page by default and at most 200 however many are asked for", async () => {
    // More public meetings than the largest page, whatever the other tests left.
    await sg.running.em.fork().execute(
      `insert into meetings.meeting (id, body_id, title, starts_at, confidential, status, sequence, created_at, updated_at)
       select gen_random_uuid(), b.id, 'ページ ' || g, timestamptz '2032-01-01' + g * interval '1 hour', false, 'SCHEDULED', 0, now(), now()
       from meetings.meeting_body b, generate_series(1, 201) g where b.code = 'marugoto-council'`,
    );
    const page = async (first?: number) => {
      const res = await sg.query(
        `query ($first: Int) { meetings(first: $first) { nodes { id } pageInfo { hasNextPage } } }`,
        first === undefined ? {} : { first },
        "nozei",
      );
      expect(res.errors).toBeUndefined();
      return { size: res.data!.meetings.nodes.length as number, more: res.data!.meetings.pageInfo.hasNextPage as boolean };
    };
    expect(await page()).toEqual({ size: 50, more: true });
    expect(await page(200)).toEqual({ size: 200, more: true });
    // Above the cap the page is not refused: it holds the cap, and says more follow.
    expect(await page(100_000)).toEqual({ size: 200, more: true });
  });

  it("fails a read whose meeting's body cannot be read, rather than showing the meeting without its kind", async () => {
    // A case meeting's body is what hides its minutes and case items from those who have not pledged.
    const id = await schedule("support-meeting", SUPPORT_CHAIR);
    await sg.running.em.fork().transactional(async (tx) => {
      // Past the foreign key, for this test only: the meeting now names a body that does not exist.
      await tx.execute(`set local session_replication_role = replica`);
      await tx.execute(`update meetings.meeting set body_id = ? where id = ?`, [randomUUID(), id]);
    });
    const read = await sg.query(`query ($id: ID!) { meeting(id: $id) { id minutes { status } } }`, { id }, ...SUPPORT_CHAIR);
    expect(read.data?.meeting ?? null).toBeNull();
    expect(read.errors?.length).toBeGreaterThan(0);
    const list = await sg.query(`query { meetings(first: 50) { nodes { id } } }`, {}, ...SUPPORT_CHAIR);
    expect(list.data?.meetings ?? null).toBeNull();
    await sg.running.em.fork().transactional(async (tx) => {
      await tx.execute(`set local session_replication_role = replica`);
      await tx.execute(`delete from meetings.meeting_member where meeting_id = ?`, [id]);
      await tx.execute(`delete from meetings.meeting where id = ?`, [id]);
    });
  });
});
