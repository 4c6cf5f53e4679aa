import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedConnectionParams, wsClient } from "../../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../../tests/helpers/stack.js";
import { collect, sleep } from "../../../../tests/helpers/subscriptions.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";
import { REDACTED_ACTION_ITEM_TITLE, REDACTED_ITEM_TITLE, REDACTED_CASE_TITLE } from "./meeting.view.js";

/**
 * The pledge rule (守秘義務の誓約) on every path that reads a case item or what came of it:
 * the agenda, action items, decisions, minutes — by query, `_entities`, payloads and events.
 */
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

type Who = [org: string, roles: string[]];
const CHAIR: Who = ["seikatsu-fukushi", ["chair"]]; // 支援会議's chair
const PLEDGED = "kaigo-hoken";
const UNPLEDGED = "nozei";
const BYSTANDER = "koho"; // a member without a pledge, assigned nothing
const PERSON = "山形太郎";

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, ...who: Who | [string]): Promise<T> {
  const res = await sg.query<T>(query, variables, ...(who as Who));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** A 支援会議 with a case item whose title names a person; the chair and 介護保険課 pledged, 納税課 and 広報課 did not. */
async function caseMeeting() {
  const scheduled = await ok(
    `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id eventCursor } userErrors { code } } }`,
    {
      input: {
        bodyCode: "support-meeting",
        title: "支援会議",
        startsAt: "2030-06-01T05:00:00Z",
        memberCodes: [PLEDGED, UNPLEDGED, BYSTANDER],
      },
    },
    ...CHAIR,
  );
  const { id, eventCursor } = scheduled.scheduleMeeting.meeting as { id: string; eventCursor: string };
  const pledge = `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`;
  await ok(pledge, { id }, ...CHAIR);
  await ok(pledge, { id }, PLEDGED);
  const caseId = randomUUID();
  const add = `mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { item { id } userErrors { code } } }`;
  const itemId = (
    await ok(
      add,
      { input: { meetingId: id, kind: "CASE", title: `${PERSON}さん世帯の支援方針`, description: "滞納と介護", caseId } },
      ...CHAIR,
    )
  ).addAgendaItem.item.id as string;
  const create = `mutation ($input: CreateActionItemInput!) { createActionItem(input: $input) { actionItem { id } userErrors { code } } }`;
  const action = async (assigneeCode: string, title: string, onItem = itemId) =>
    (await ok(create, { input: { itemId: onItem, title, assigneeCode, dueDate: "2030-07-01" } }, ...CHAIR)).createActionItem.actionItem
      .id as string;
  const forUnpledged = await action(UNPLEDGED, `${PERSON}さんへ分納の案内`);
  const forPledged = await action(PLEDGED, `${PERSON}さんの要介護認定の申請支援`);
  return { id, eventCursor, caseId, itemId, forUnpledged, forPledged, action, add };
}

const ORG_ACTIONS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { actionItems { nodes { id title redacted status dueDate } } } } }`;
const orgActions = async (code: string, as: string) =>
  (await ok(ORG_ACTIONS, { r: [{ __typename: "Organization", code }] }, as))._entities[0].actionItems.nodes as {
    id: string;
    title: string;
    redacted: boolean;
  }[];
const ACTION_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ActionItem { id title redacted status } } }`;
const actionEntity = async (id: string, as: string) =>
  (await ok(ACTION_ENTITY, { r: [{ __typename: "ActionItem", id }] }, as))._entities[0];
const CASE_ACTIONS = `query ($r: [_Any!]!, $org: String) { _entities(representations: $r) { ... on Case { actionItems(organizationCode: $org) { id title redacted } } } }`;
const caseActions = async (caseId: string, as: string, org?: string) =>
  (await ok(CASE_ACTIONS, { r: [{ __typename: "Case", id: caseId }], org }, as))._entities[0].actionItems as {
    id: string;
    title: string;
    redacted: boolean;
  }[];
const AGENDA_ACTIONS = `query ($id: ID!) { meeting(id: $id) { agenda { id redacted actionItems { id title redacted } } } }`;

/** A graphql-ws subscription straight to the subgraph, signed as the gateway signs it. */
function subscribe<T = Record<string, any>>(query: string, variables: Record<string, unknown>, org: string) {
  const url = sg.running.url.replace(/^http/, "ws");
  const client = wsClient(url, undefined, {
    connectionParams: signedConnectionParams("meetings", { sub: `user-${org}`, org, roles: ["staff"] }, TEST_SECRET),
  });
  return collect<T>(url, undefined, query, variables, client);
}

const leaks = (value: unknown) => JSON.stringify(value).includes(PERSON);

describe("action items of a case item follow the pledge on every path", () => {
  it("Organization.actionItems: the unpledged assignee sees a neutral title; other unpledged members see nothing", async () => {
    const m = await caseMeeting();
    const own = (await orgActions(UNPLEDGED, UNPLEDGED)).filter((a) => a.id === m.forUnpledged);
    expect(own).toEqual([{ id: m.forUnpledged, title: REDACTED_ACTION_ITEM_TITLE, redacted: true, status: "OPEN", dueDate: "2030-07-01" }]);
    expect((await orgActions(PLEDGED, UNPLEDGED)).map((a) => a.id)).not.toContain(m.forPledged);
    expect((await orgActions(UNPLEDGED, BYSTANDER)).map((a) => a.id)).not.toContain(m.forUnpledged);
    expect(leaks(await orgActions(UNPLEDGED, UNPLEDGED))).toBe(false);
    expect(leaks(await orgActions(PLEDGED, BYSTANDER))).toBe(false);
    // A member that pledged sees the task as it was written.
    expect((await orgActions(UNPLEDGED, PLEDGED)).find((a) => a.id === m.forUnpledged)).toMatchObject({
      title: `${PERSON}さんへ分納の案内`,
      redacted: false,
    });
  });

  it("Organization.actionItems reads the caller's memberships and pledges in the statement of the items themselves", async () => {
    await caseMeeting();
    await orgActions(PLEDGED, PLEDGED);
    const { result, statements } = await sg.running.counter.measure(() =>
      sg.query(ORG_ACTIONS, { r: [{ __typename: "Organization", code: PLEDGED }] }, PLEDGED),
    );
    expect(result.errors).toBeUndefined();
    const items = statements.filter((s) => /from "?meetings"?\."?action_item"?\b/i.test(s));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/meeting_member where organization_code = \? and pledged_at is not null/);
    // The membership is read nowhere else before the items: the operation's cursor, then the items.
    expect(statements.indexOf(items[0]!)).toBe(1);
    expect(/max\(seq\)/i.test(statements[0]!)).toBe(true);
  });

  it("ActionItem _entities, Case.actionItems, AgendaItem.actionItems and mutation payloads apply the same rule", async () => {
    const m = await caseMeeting();
    expect(await actionEntity(m.forUnpledged, UNPLEDGED)).toEqual({
      id: m.forUnpledged,
      title: REDACTED_ACTION_ITEM_TITLE,
      redacted: true,
      status: "OPEN",
    });
    expect(await actionEntity(m.forPledged, UNPLEDGED)).toBeNull();
    expect(await actionEntity(m.forUnpledged, BYSTANDER)).toBeNull();
    expect(await actionEntity(m.forPledged, PLEDGED)).toMatchObject({ title: `${PERSON}さんの要介護認定の申請支援`, redacted: false });

    expect(await caseActions(m.caseId, UNPLEDGED)).toEqual([{ id: m.forUnpledged, title: REDACTED_ACTION_ITEM_TITLE, redacted: true }]);
    expect(await caseActions(m.caseId, UNPLEDGED, PLEDGED)).toEqual([]);
    expect(await caseActions(m.caseId, PLEDGED, UNPLEDGED)).toEqual([
      { id: m.forUnpledged, title: `${PERSON}さんへ分納の案内`, redacted: false },
    ]);

    const agendaOf = async (as: string) => (await ok(AGENDA_ACTIONS, { id: m.id }, as)).meeting.agenda[0];
    expect(await agendaOf(UNPLEDGED)).toEqual({
      id: m.itemId,
      redacted: true,
      actionItems: [{ id: m.forUnpledged, title: REDACTED_ACTION_ITEM_TITLE, redacted: true }],
    });
    expect(await agendaOf(BYSTANDER)).toEqual({ id: m.itemId, redacted: true, actionItems: [] });
    expect((await agendaOf(PLEDGED)).actionItems).toHaveLength(2);

    // The assignee progresses its task without learning what it says until it pledges.
    const update = `mutation ($id: ID!) { updateActionItemStatus(id: $id, status: IN_PROGRESS) { actionItem { title status redacted } userErrors { code } } }`;
    expect((await ok(update, { id: m.forUnpledged }, UNPLEDGED)).updateActionItemStatus).toEqual({
      actionItem: { title: REDACTED_ACTION_ITEM_TITLE, status: "IN_PROGRESS", redacted: true },
      userErrors: [],
    });
    await ok(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: m.id }, UNPLEDGED);
    expect(await actionEntity(m.forUnpledged, UNPLEDGED)).toMatchObject({ title: `${PERSON}さんへ分納の案内`, redacted: false });
  });

  it("holds every item of a 支援会議 to the pledge, a report too; leaves an item of 福祉まるごと会議 alone", async () => {
    const m = await caseMeeting();
    const report = (
      await ok(
        m.add,
        { input: { meetingId: m.id, kind: "REPORT", title: `前回の対応状況（${PERSON}さん宅の訪問）`, description: "訪問の結果" } },
        ...CHAIR,
      )
    ).addAgendaItem.item.id as string;
    const onReport = await m.action(UNPLEDGED, `${PERSON}さん宅へ再訪問`, report);
    await ok(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: m.id }, ...CHAIR);
    await ok(
      `mutation ($i: ID!) { recordDecision(itemId: $i, content: "${PERSON}さん宅へ月1回訪問する") { userErrors { code } } }`,
      { i: report },
      ...CHAIR,
    );
    const item = `query ($id: ID!) { meeting(id: $id) { agenda { id kind title description redacted decisions { content } } } }`;
    const reportAs = async (org: string) =>
      ((await ok(item, { id: m.id }, org)).meeting.agenda as { id: string }[]).find((i) => i.id === report);
    // Unpledged: that a report exists, nothing of what it says, decides or asks of anyone but itself.
    expect(await reportAs(UNPLEDGED)).toEqual({
      id: report,
      kind: "REPORT",
      title: REDACTED_ITEM_TITLE,
      description: null,
      redacted: true,
      decisions: [],
    });
    expect(await actionEntity(onReport, UNPLEDGED)).toMatchObject({ title: REDACTED_ACTION_ITEM_TITLE, redacted: true });
    expect(await actionEntity(onReport, BYSTANDER)).toBeNull();
    expect((await orgActions(UNPLEDGED, BYSTANDER)).map((a) => a.id)).not.toContain(onReport);
    // Pledged: all of it.
    expect(await reportAs(PLEDGED)).toEqual({
      id: report,
      kind: "REPORT",
      title: `前回の対応状況（${PERSON}さん宅の訪問）`,
      description: "訪問の結果",
      redacted: false,
      decisions: [{ content: `${PERSON}さん宅へ月1回訪問する` }],
    });
    expect(await actionEntity(onReport, PLEDGED)).toMatchObject({ title: `${PERSON}さん宅へ再訪問`, redacted: false });
    const council = await ok(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2030-06-05T05:00:00Z" }) { meeting { id } } }`,
      {},
      "fukushi-suishin-bu",
      ["chair"],
    );
    const councilId = council.scheduleMeeting.meeting.id as string;
    const topic = (await ok(m.add, { input: { meetingId: councilId, kind: "TOPIC", title: "移動支援" } }, "fukushi-suishin-bu", ["chair"]))
      .addAgendaItem.item.id as string;
    const create = `mutation ($input: CreateActionItemInput!) { createActionItem(input: $input) { actionItem { id } } }`;
    const onTopic = (
      await ok(create, { input: { itemId: topic, title: "移動支援の事例集め", assigneeCode: UNPLEDGED } }, "fukushi-suishin-bu", ["chair"])
    ).createActionItem.actionItem.id;
    expect((await orgActions(UNPLEDGED, BYSTANDER)).find((a) => a.id === onTopic)).toMatchObject({
      title: "移動支援の事例集め",
      redacted: false,
    });
    expect(await actionEntity(onTopic, "kokuho")).toMatchObject({ title: "移動支援の事例集め", redacted: false });
  });

  it("keeps an action item a case task when its agenda item is removed", async () => {
    const m = await caseMeeting();
    const second = (
      await ok(m.add, { input: { meetingId: m.id, kind: "CASE", title: `${PERSON}さん（二回目）`, caseId: m.caseId } }, ...CHAIR)
    ).addAgendaItem.item.id as string;
    const orphan = await m.action(UNPLEDGED, `${PERSON}さんの家計表の確認`, second);
    await ok(`mutation ($id: ID!) { removeAgendaItem(itemId: $id) { userErrors { code } } }`, { id: second }, ...CHAIR);
    expect(await actionEntity(orphan, UNPLEDGED)).toMatchObject({ title: REDACTED_ACTION_ITEM_TITLE, redacted: true });
    expect(await actionEntity(orphan, BYSTANDER)).toBeNull();
    expect((await orgActions(UNPLEDGED, BYSTANDER)).map((a) => a.id)).not.toContain(orphan);
    expect((await orgActions(UNPLEDGED, UNPLEDGED)).find((a) => a.id === orphan)).toMatchObject({ redacted: true });
  });

  it("actionItemsChanged: events of a case task reach an unpledged assignee redacted, other unpledged members not at all", async () => {
    const sub = `subscription ($org: String!, $after: String) { actionItemsChanged(organizationCode: $org, after: $after) { kind actionItem { id title redacted } } }`;
    const m = await caseMeeting();
    const after = m.eventCursor; // replays the creation, then streams
    const assignee = subscribe(sub, { org: UNPLEDGED, after }, UNPLEDGED);
    const other = subscribe(sub, { org: PLEDGED, after }, UNPLEDGED);
    const bystander = subscribe(sub, { org: UNPLEDGED, after }, BYSTANDER);
    const pledged = subscribe(sub, { org: UNPLEDGED, after }, PLEDGED);
    try {
      await ok(
        `mutation ($id: ID!, $to: String!) { reassignActionItem(id: $id, assigneeCode: $to) { userErrors { code } } }`,
        { id: m.forUnpledged, to: PLEDGED },
        ...CHAIR,
      );
      const own = (await assignee.waitFor(2)).filter((e) => e.actionItemsChanged.actionItem.id === m.forUnpledged);
      expect(own.map((e) => e.actionItemsChanged.kind)).toEqual(["ACTION_ITEM_CREATED", "ACTION_ITEM_REASSIGNED_AWAY"]);
      for (const e of own) expect(e.actionItemsChanged.actionItem).toMatchObject({ title: REDACTED_ACTION_ITEM_TITLE, redacted: true });
      expect((await pledged.waitFor(2)).some((e) => e.actionItemsChanged.actionItem.title === `${PERSON}さんへ分納の案内`)).toBe(true);
      await sleep(300);
      expect(
        other.events.filter(
          (e) => e.actionItemsChanged.actionItem.id === m.forPledged || e.actionItemsChanged.actionItem.id === m.forUnpledged,
        ),
      ).toEqual([]);
      expect(bystander.events.filter((e) => [m.forPledged, m.forUnpledged].includes(e.actionItemsChanged.actionItem.id))).toEqual([]);
      for (const s of [assignee, other, bystander]) expect(leaks(s.events)).toBe(false);
    } finally {
      await Promise.all([assignee, other, bystander, pledged].map((s) => s.stop()));
    }
  });
});

describe("minutes of a case meeting are for members that pledged", () => {
  const MINUTES = `query ($id: ID!) { meeting(id: $id) { minutes { content status } } }`;
  const DRAFT = `mutation ($id: ID!, $c: String!) { draftMinutes(meetingId: $id, content: $c) { minutes { content } userErrors { code field message } } }`;

  it("by query, _entities, Organization.meetings and payloads", async () => {
    const m = await caseMeeting();
    const content = `${PERSON}さん世帯：分納と要介護認定の申請を支援する。`;
    expect((await ok(DRAFT, { id: m.id, c: content }, ...CHAIR)).draftMinutes).toMatchObject({ minutes: { content }, userErrors: [] });
    expect((await ok(MINUTES, { id: m.id }, UNPLEDGED)).meeting.minutes).toBeNull();
    expect((await ok(MINUTES, { id: m.id }, BYSTANDER)).meeting.minutes).toBeNull();
    expect((await ok(MINUTES, { id: m.id }, PLEDGED)).meeting.minutes).toEqual({ content, status: "DRAFT" });
    const entity = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id minutes { content } } } }`;
    expect((await ok(entity, { r: [{ __typename: "Meeting", id: m.id }] }, UNPLEDGED))._entities).toEqual([{ id: m.id, minutes: null }]);
    const ofOrg = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { meetings(first: 200) { nodes { id minutes { content } } } } } }`;
    const listed = (await ok(ofOrg, { r: [{ __typename: "Organization", code: UNPLEDGED }] }, UNPLEDGED))._entities[0].meetings.nodes;
    expect(listed.find((n: { id: string }) => n.id === m.id)).toEqual({ id: m.id, minutes: null });
    const viaAction = await ok(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ActionItem { meeting { minutes { content } } } } }`,
      { r: [{ __typename: "ActionItem", id: m.forUnpledged }] },
      UNPLEDGED,
    );
    expect(viaAction._entities[0].meeting.minutes).toBeNull();

    // Once 納税課 pledges, it reads them.
    await ok(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: m.id }, UNPLEDGED);
    expect((await ok(MINUTES, { id: m.id }, UNPLEDGED)).meeting.minutes).toEqual({ content, status: "DRAFT" });
  });

  it("refuses to let an organisation that has not pledged draft or approve them (approving would show them)", async () => {
    const scheduled = await ok(
      `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } } }`,
      { input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2030-06-02T05:00:00Z" } },
      ...CHAIR,
    );
    const id = scheduled.scheduleMeeting.meeting.id as string;
    const refused = (await ok(DRAFT, { id, c: "議事" }, ...CHAIR)).draftMinutes;
    expect(refused).toMatchObject({ minutes: null, userErrors: [{ code: "PLEDGE_REQUIRED", field: ["meetingId"] }] });
    expect(refused.userErrors[0].message).toContain("誓約");
    const approve = `mutation ($id: ID!) { approveMinutes(meetingId: $id) { minutes { content } userErrors { code } } }`;
    expect((await ok(approve, { id }, ...CHAIR)).approveMinutes).toEqual({ minutes: null, userErrors: [{ code: "PLEDGE_REQUIRED" }] });
  });

  it("in agendaChanged and meetingsChanged events", async () => {
    const m = await caseMeeting();
    const content = `${PERSON}さん世帯の支援方針を確認した。`;
    await ok(DRAFT, { id: m.id, c: content }, ...CHAIR);
    const agendaSub = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { kind meeting { minutes { content } } } }`;
    const meetingsSub = `subscription ($org: String!, $after: String) { meetingsChanged(organizationCode: $org, after: $after) { kind meeting { id minutes { content } } } }`;
    const unpledged = subscribe(agendaSub, { id: m.id, after: m.eventCursor }, UNPLEDGED);
    const pledged = subscribe(agendaSub, { id: m.id, after: m.eventCursor }, PLEDGED);
    const unpledgedMeetings = subscribe(meetingsSub, { org: UNPLEDGED, after: m.eventCursor }, UNPLEDGED);
    try {
      await ok(
        `mutation ($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`,
        { input: { meetingId: m.id, startsAt: "2030-06-03T05:00:00Z" } },
        ...CHAIR,
      );
      expect((await waitForKind(pledged, "MEETING_RESCHEDULED")).meeting.minutes).toEqual({ content });
      expect((await waitForKind(unpledged, "MEETING_RESCHEDULED")).meeting.minutes).toBeNull();
      const ofMeeting = (await unpledgedMeetings.waitFor(1)).filter((e) => e.meetingsChanged.meeting.id === m.id);
      expect(ofMeeting.length).toBeGreaterThan(0);
      for (const e of unpledged.events) expect(e.agendaChanged.meeting.minutes).toBeNull();
      for (const e of ofMeeting) expect(e.meetingsChanged.meeting.minutes).toBeNull();
    } finally {
      await Promise.all([unpledged, pledged, unpledgedMeetings].map((s) => s.stop()));
    }
  });
});

describe("an organisation removed from a case meeting is given nothing of it on a replay", () => {
  const REMOVE = `mutation ($id: ID!, $c: String!) { removeMeetingMember(meetingId: $id, organizationCode: $c) { userErrors { code } } }`;
  const MEETINGS = `subscription ($org: String!, $after: String) { meetingsChanged(organizationCode: $org, after: $after, markCaughtUp: true) { kind meeting { id title agenda { title description caseId } minutes { content } } } }`;
  const ACTIONS = `subscription ($org: String!, $after: String) { actionItemsChanged(organizationCode: $org, after: $after, markCaughtUp: true) { kind actionItem { id title } } }`;
  const AGENDA = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after, markCaughtUp: true) { kind agenda { title description caseId } } }`;

  /** Everything a replay from `after` gives `org` up to its CAUGHT_UP marker. */
  async function replay(query: string, variables: Record<string, unknown>, org: string): Promise<Record<string, { kind: string }>[]> {
    const sub = subscribe<Record<string, { kind: string }>>(query, variables, org);
    try {
      for (let n = 1; ; n++) {
        const events = await sub.waitFor(n);
        if (Object.values(events.at(-1)!)[0]!.kind === "CAUGHT_UP") return events.slice(0, -1);
      }
    } finally {
      await sub.stop();
    }
  }

  it("meetingsChanged and actionItemsChanged judge each event on today's members; agendaChanged refuses it", async () => {
    const m = await caseMeeting();
    await ok(
      `mutation ($id: ID!, $c: String!) { draftMinutes(meetingId: $id, content: $c) { userErrors { code } } }`,
      {
        id: m.id,
        c: `${PERSON}さん世帯の支援方針を確認した。`,
      },
      ...CHAIR,
    );
    await ok(
      `mutation ($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`,
      { input: { meetingId: m.id, startsAt: "2030-06-04T05:00:00Z" } },
      ...CHAIR,
    );
    const from = { org: PLEDGED, after: m.eventCursor };
    // As a pledged member, its replay holds the case: what it may see.
    expect(leaks(await replay(MEETINGS, from, PLEDGED))).toBe(true);
    expect(leaks(await replay(ACTIONS, from, PLEDGED))).toBe(true);

    expect((await ok(REMOVE, { id: m.id, c: PLEDGED }, ...CHAIR)).removeMeetingMember.userErrors).toEqual([]);
    const ofMeeting = (events: Record<string, { meeting?: { id: string } }>[]) =>
      events.filter((e) => e.meetingsChanged?.meeting?.id === m.id);
    const meetings = await replay(MEETINGS, from, PLEDGED);
    expect(ofMeeting(meetings as never)).toEqual([]);
    expect(leaks(meetings)).toBe(false);
    expect(leaks(await replay(ACTIONS, from, PLEDGED))).toBe(false);

    // Nor can it replay the agenda (refused at the start, as a live one is).
    const agenda = subscribe(AGENDA, { id: m.id, after: m.eventCursor }, PLEDGED);
    await expect(agenda.waitFor(1)).rejects.toThrow();
    await agenda.stop();
  });
});

describe("a case item itself follows the pledge on every path", () => {
  // `AgendaItem.case` is the cases subgraph's (it needs the caller's ground): here, `caseId` is the link.
  const ITEM = `id kind title description redacted caseId decisions { content } actionItems { title }`;
  const redactedItem = (id: string, actionItems: { title: string }[] = []) => ({
    id,
    kind: "CASE",
    title: REDACTED_CASE_TITLE,
    description: null,
    redacted: true,
    caseId: null,
    decisions: [],
    actionItems,
  });

  it("Meeting.agenda, Meeting.currentItem, AgendaItem _entities, decisions and agendaChanged", async () => {
    const m = await caseMeeting();
    const decision = `mutation ($id: ID!, $c: String!) { recordDecision(itemId: $id, content: $c) { decision { content } userErrors { code } } }`;
    const sub = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { kind meeting { currentItem { ${ITEM} } } agenda { ${ITEM} } } }`;
    const unpledged = subscribe(sub, { id: m.id, after: m.eventCursor }, UNPLEDGED);
    const pledged = subscribe(sub, { id: m.id, after: m.eventCursor }, PLEDGED);
    try {
      await ok(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: m.id }, ...CHAIR);
      expect((await ok(decision, { id: m.itemId, c: `${PERSON}さんの分納を認める` }, ...CHAIR)).recordDecision.decision).toEqual({
        content: `${PERSON}さんの分納を認める`,
      });
      const query = `query ($id: ID!) { meeting(id: $id) { currentItem { ${ITEM} } agenda { ${ITEM} } } }`;
      const own = [{ title: REDACTED_ACTION_ITEM_TITLE }];
      expect((await ok(query, { id: m.id }, UNPLEDGED)).meeting).toEqual({
        currentItem: redactedItem(m.itemId, own),
        agenda: [redactedItem(m.itemId, own)],
      });
      expect((await ok(query, { id: m.id }, BYSTANDER)).meeting).toEqual({
        currentItem: redactedItem(m.itemId),
        agenda: [redactedItem(m.itemId)],
      });
      const entity = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on AgendaItem { ${ITEM} } } }`;
      expect((await ok(entity, { r: [{ __typename: "AgendaItem", id: m.itemId }] }, BYSTANDER))._entities).toEqual([
        redactedItem(m.itemId),
      ]);
      const full = (await ok(query, { id: m.id }, PLEDGED)).meeting.currentItem;
      expect(full).toMatchObject({ title: `${PERSON}さん世帯の支援方針`, description: "滞納と介護", redacted: false, caseId: m.caseId });
      expect(full.decisions).toEqual([{ content: `${PERSON}さんの分納を認める` }]);

      const started = await waitForKind(pledged, "MEETING_STARTED");
      expect(started.meeting.currentItem.title).toBe(`${PERSON}さん世帯の支援方針`);
      const mine = await waitForKind(unpledged, "MEETING_STARTED");
      expect(mine.meeting.currentItem).toEqual(redactedItem(m.itemId, own));
      for (const e of unpledged.events) for (const item of e.agendaChanged.agenda) expect(item).toEqual(redactedItem(m.itemId, own));
      expect(leaks(unpledged.events)).toBe(false);
    } finally {
      await Promise.all([unpledged, pledged].map((s) => s.stop()));
    }
  });

  it("lets an editor that has not pledged neither decide on nor rewrite an item it cannot read", async () => {
    const m = await caseMeeting();
    await ok(
      `mutation ($id: ID!) { nameSecretary(meetingId: $id, organizationCode: "${BYSTANDER}") { userErrors { code } } }`,
      { id: m.id },
      ...CHAIR,
    );
    await ok(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: m.id }, ...CHAIR);
    const decision = `mutation ($id: ID!, $c: String!) { recordDecision(itemId: $id, content: $c) { decision { content } userErrors { code } } }`;
    expect((await ok(decision, { id: m.itemId, c: "次回に継続" }, BYSTANDER, ["secretary"])).recordDecision).toEqual({
      decision: null,
      userErrors: [{ code: "PLEDGE_REQUIRED" }],
    });
    const update = `mutation ($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { userErrors { code } } }`;
    expect((await ok(update, { i: { itemId: m.itemId, title: "別の議題名" } }, BYSTANDER, ["secretary"])).updateAgendaItem).toEqual({
      userErrors: [{ code: "PLEDGE_REQUIRED" }],
    });
    // Nothing was written: the pledged see the item and its decisions as they were.
    const item = `query ($id: ID!) { meeting(id: $id) { agenda { title decisions { content } } } }`;
    expect((await ok(item, { id: m.id }, PLEDGED)).meeting.agenda[0]).toEqual({ title: `${PERSON}さん世帯の支援方針`, decisions: [] });
    // Once pledged, the secretary decides.
    await ok(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: m.id }, BYSTANDER, [
      "secretary",
    ]);
    expect((await ok(decision, { id: m.itemId, c: "次回に継続" }, BYSTANDER, ["secretary"])).recordDecision).toEqual({
      decision: { content: "次回に継続" },
      userErrors: [],
    });
  });
});

async function waitForKind(sub: { events: Record<string, any>[]; waitFor(n: number, t?: number): Promise<unknown> }, kind: string) {
  for (let n = 1; n < 50; n++) {
    await sub.waitFor(n);
    const found = sub.events.find((e) => e.agendaChanged.kind === kind);
    if (found) return found.agendaChanged;
  }
  throw new Error(`no ${kind} event`);
}

describe("topics raised to policy bodies carry no person", () => {
  const RAISE = `mutation ($input: RaiseTopicInput!) { raiseTopic(input: $input) { topic { id title } userErrors { code field message } } }`;
  const TOPICS = `{ topics(targetBodyCode: "marugoto-council") { title description } }`;

  it("refuses a name in the title and a case number or an address in the description, with the field named; writes nothing", async () => {
    const m = await caseMeeting();
    const base = {
      meetingId: m.id,
      targetBodyCode: "marugoto-council",
      category: "就労",
      title: "就労体験の受け入れ先不足",
      description: "中高年の参加支援先が足りない",
    };
    const before = (await ok(TOPICS, {}, "koho")).topics;
    const cases: [Record<string, string>, string, string][] = [
      [{ title: `${PERSON}さんの就労先` }, "title", "課題名"],
      [{ title: "ヤマダ タロウ氏の件" }, "title", "課題名"],
      [{ description: "ケース番号2024-00012の世帯で、受け入れ先が見つからない" }, "description", "内容"],
      [{ description: "山形市旅篭町2-3-25に住む世帯の就労" }, "description", "内容"],
      [{ description: "〒990-8540 の世帯、連絡先023-641-1212" }, "description", "内容"],
      [{ description: "昭和30年5月6日生まれの男性の就労" }, "description", "内容"],
    ];
    for (const [input, field, label] of cases) {
      const res = (await ok(RAISE, { input: { ...base, ...input } }, ...CHAIR)).raiseTopic;
      expect(res.topic).toBeNull();
      expect(res.userErrors).toHaveLength(1);
      expect(res.userErrors[0]).toMatchObject({ code: "IDENTIFYING_DETAILS", field: [field] });
      expect(res.userErrors[0].message).toContain(`${label}に個人を特定できる情報`);
    }
    expect((await ok(TOPICS, {}, "koho")).topics).toEqual(before);

    const accepted = (
      await ok(
        RAISE,
        {
          input: {
            ...base,
            title: "ひきこもり支援の連携について",
            description: "お子さんのいる世帯への支援が届きにくい。80代の親と50代の子の世帯が増えている。",
          },
        },
        ...CHAIR,
      )
    ).raiseTopic;
    expect(accepted.userErrors).toEqual([]);
    expect((await ok(TOPICS, {}, "koho")).topics[0]).toEqual({
      title: "ひきこもり支援の連携について",
      description: "お子さんのいる世帯への支援が届きにくい。80代の親と50代の子の世帯が増えている。",
    });
  });
});
