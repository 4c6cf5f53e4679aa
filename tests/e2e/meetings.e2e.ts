import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { referenceDataPath } from "@marugoto/shared";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

const data = JSON.parse(readFileSync(referenceDataPath, "utf8"));
/** Every member organisation of 福祉まるごと会議, from the reference data. */
const COUNCIL_MEMBERS: string[] = [
  ...data.marugotoCouncil.directors.map((d: { code: string }) => d.code),
  ...data.marugotoCouncil.sections.map((s: { code: string }) => s.code),
  ...data.marugotoCouncil.otherMembers.map((m: { code: string }) => m.code),
];
const CHAIR_ORG = "fukushi-suishin-bu";

let stack: Stack;
let chairToken: string;
beforeAll(async () => {
  stack = await startStack();
  chairToken = await stack.token(CHAIR_ORG, ["chair"]);
});
afterAll(() => stack?.close());

async function gql(query: string, variables: Record<string, unknown> = {}, token = chairToken) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function scheduleCouncil(): Promise<{ id: string; cursor: string }> {
  const d = await gql(
    `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-01-10T05:00:00Z" }) { meeting { id eventCursor } userErrors { code } } }`,
  );
  return { id: d.scheduleMeeting.meeting.id, cursor: d.scheduleMeeting.meeting.eventCursor };
}

const addItem = async (meetingId: string, title: string, presenterCode = "nozei") =>
  (
    await gql(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } userErrors { code } } }`, {
      i: { meetingId, kind: "TOPIC", title, presenterCode },
    })
  ).addAgendaItem.item.id as string;

const AGENDA_SUB = `subscription ($id: ID!, $after: String) {
  agendaChanged(meetingId: $id, after: $after) {
    cursor kind
    meeting { status currentItem { id } }
    agenda { id title position status presenter { code name } }
  }
}`;

type AgendaEvent = {
  agendaChanged: {
    cursor: string;
    kind: string;
    meeting: { status: string; currentItem: { id: string } | null };
    agenda: { id: string; title: string; presenter: { name: string } }[];
  };
};

describe("live agendas through the gateway", () => {
  it("pushes every change to one graphql-ws client per member organisation, in order", async () => {
    const { id, cursor } = await scheduleCouncil();
    expect(COUNCIL_MEMBERS).toHaveLength(28);
    const clients = await Promise.all(
      COUNCIL_MEMBERS.map(async (org) =>
        collect<AgendaEvent>(stack.gateway.wsUrl, await stack.token(org), AGENDA_SUB, { id, after: cursor }),
      ),
    );
    try {
      const [a, b, c] = [await addItem(id, "議題一"), await addItem(id, "議題二", "shakyo"), await addItem(id, "議題三")];
      await gql(`mutation ($id: ID!, $ids: [ID!]!) { reorderAgenda(meetingId: $id, itemIds: $ids) { userErrors { code } } }`, {
        id,
        ids: [c, a, b],
      });
      await gql(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id });
      await gql(`mutation ($id: ID!) { advanceAgenda(meetingId: $id) { userErrors { code } } }`, { id });

      for (const client of clients) {
        const events = (await client.waitFor(6)).map((e) => e.agendaChanged);
        expect(events.map((e) => e.kind)).toEqual([
          "ITEM_ADDED",
          "ITEM_ADDED",
          "ITEM_ADDED",
          "AGENDA_REORDERED",
          "MEETING_STARTED",
          "AGENDA_ADVANCED",
        ]);
        expect(events[3]!.agenda.map((i) => i.id)).toEqual([c, a, b]);
        expect(events[5]!.meeting).toEqual({ status: "IN_PROGRESS", currentItem: { id: a } });
        // A field from the directory subgraph, resolved by the gateway inside the event.
        expect(events[5]!.agenda.map((i) => i.presenter.name)).toEqual(["納税課", "納税課", "山形市社会福祉協議会"]);
        const seqs = events.map((e) => e.cursor);
        expect(new Set(seqs).size).toBe(6);
      }
      // One more change: once it arrives everywhere, nothing was delivered twice in between.
      await addItem(id, "確認用");
      await Promise.all(clients.map((c) => c.waitFor(7)));
      for (const c of clients) {
        expect(c.errors).toEqual([]);
        expect(c.events.map((e) => e.agendaChanged.kind).slice(6)).toEqual(["ITEM_ADDED"]);
        expect(c.events.at(-1)!.agendaChanged.agenda.at(-1)!.title).toBe("確認用");
      }
    } finally {
      await Promise.all(clients.map((c) => c.stop()));
    }
  });

  it("resumes with the last cursor: exactly the changes missed, once each", async () => {
    const { id, cursor } = await scheduleCouncil();
    const token = await stack.token("nozei");
    const first = collect<AgendaEvent>(stack.gateway.wsUrl, token, AGENDA_SUB, { id, after: cursor });
    await addItem(id, "切断前");
    const [seen] = await first.waitFor(1);
    await first.stop();

    await addItem(id, "切断中1");
    await addItem(id, "切断中2");

    const resumed = collect<AgendaEvent>(stack.gateway.wsUrl, token, AGENDA_SUB, { id, after: seen!.agendaChanged.cursor });
    try {
      await resumed.waitFor(2);
      await addItem(id, "再接続後");
      await resumed.waitFor(3);
      // The replay held exactly the two missed changes: the live one came next, nothing repeated.
      expect(resumed.events.map((e) => e.agendaChanged.agenda.at(-1)!.title)).toEqual(["切断中1", "切断中2", "再接続後"]);
      expect(resumed.events[2]!.agendaChanged.agenda.map((i) => i.title)).toEqual(["切断前", "切断中1", "切断中2", "再接続後"]);
    } finally {
      await resumed.stop();
    }
  });

  it("loses nothing when the meetings subgraph restarts between a change and a resume", async () => {
    const { id, cursor } = await scheduleCouncil();
    const token = await stack.token("shakyo");
    await addItem(id, "再起動前");
    await stack.restartSubgraph("meetings");
    await addItem(id, "再起動後");
    const resumed = collect<AgendaEvent>(stack.gateway.wsUrl, token, AGENDA_SUB, { id, after: cursor });
    try {
      const events = await resumed.waitFor(2);
      expect(events.map((e) => e.agendaChanged.kind)).toEqual(["ITEM_ADDED", "ITEM_ADDED"]);
      expect(events[1]!.agendaChanged.agenda.map((i) => i.title)).toEqual(["再起動前", "再起動後"]);
    } finally {
      await resumed.stop();
    }
  });
});

describe("merged subscriptions at the gateway", () => {
  it("serves identical subscriptions of one scope from one upstream stream, never across scopes; a late joiner replays alone, then joins the live stream", async () => {
    const { id, cursor } = await scheduleCouncil();
    const nozeiTokens = await Promise.all(Array.from({ length: 10 }, (_, i) => stack.token("nozei", ["staff"], `nozei-user-${i}`)));
    const kohoTokens = await Promise.all(Array.from({ length: 5 }, (_, i) => stack.token("koho", ["staff"], `koho-user-${i}`)));
    const before = stack.gateway.subscriptionStats();
    const grown = (expected: { groups: number; members: number }) =>
      vi.waitFor(
        () => {
          const now = stack.gateway.subscriptionStats();
          expect({ groups: now.groups - before.groups, members: now.members - before.members }).toEqual(expected);
        },
        { timeout: 10_000, interval: 20 },
      );
    // One nozei client live from the start (no cursor): the others' live stream is its.
    const live = collect<AgendaEvent>(stack.gateway.wsUrl, await stack.token("nozei", ["staff"], "nozei-live"), AGENDA_SUB, { id });
    await grown({ groups: 1, members: 1 });
    const clients = [...nozeiTokens, ...kohoTokens].map((t) =>
      collect<AgendaEvent>(stack.gateway.wsUrl, t, AGENDA_SUB, { id, after: cursor }),
    );
    let late: ReturnType<typeof collect<AgendaEvent>> | undefined;
    try {
      // Every client in its scope's resumed group (joined only until its replay begins) and in its live one.
      await grown({ groups: 4, members: 31 });
      await addItem(id, "一件目");
      await Promise.all([live, ...clients].map((c) => c.waitFor(1)));
      // The live stream gave the event the replay gave: every client reads the live stream, the resumed ones end.
      await grown({ groups: 2, members: 16 });

      await addItem(id, "二件目");
      await Promise.all(clients.map((c) => c.waitFor(2)));
      // Same document, variables and scope, after the group's replay began: a replay of its own, which
      // the meetings subgraph lets in now, from the same cursor (nothing of the group's is kept for it).
      late = collect<AgendaEvent>(stack.gateway.wsUrl, await stack.token("nozei", ["staff"], "nozei-late"), AGENDA_SUB, {
        id,
        after: cursor,
      });
      const replayed = await late.waitFor(2);
      expect(replayed.map((e) => e.agendaChanged.agenda.length)).toEqual([1, 2]);
      await grown({ groups: 3, members: 18 });
      await addItem(id, "三件目");
      await late.waitFor(3);
      await Promise.all([live, ...clients].map((c) => c.waitFor(3)));
      await grown({ groups: 2, members: 17 });
      await addItem(id, "四件目");
      await late.waitFor(4);
      await Promise.all([live, ...clients].map((c) => c.waitFor(4)));
      // Each event once, in order, the same for everyone.
      const cursors = late.events.map((e) => e.agendaChanged.cursor);
      expect(new Set(cursors).size).toBe(4);
      for (const c of [live, ...clients]) expect(c.events.map((e) => e.agendaChanged.cursor)).toEqual(cursors);
    } finally {
      await Promise.all([live, ...clients, ...(late ? [late] : [])].map((c) => c.stop()));
    }
    // Groups are left as their members' sockets close.
    await vi.waitFor(() => expect(stack.gateway.subscriptionStats()).toEqual(before), { timeout: 5_000, interval: 20 });
  });
});

describe("confidential meetings through the gateway", () => {
  it("tells a non-member nothing by query or subscription, and stops a removed member's events", async () => {
    const supportChair = await stack.token("seikatsu-fukushi", ["chair"]);
    const made = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-02-01T05:00:00Z", memberCodes: ["kaigo-hoken"] }) { meeting { id eventCursor } } }`,
      {},
      supportChair,
    );
    const { id, eventCursor } = made.scheduleMeeting.meeting;
    const outsider = await stack.token("koho");
    expect((await gql(`query ($id: ID!) { meeting(id: $id) { id title } }`, { id }, outsider)).meeting).toBeNull();

    const spy = collect<AgendaEvent>(stack.gateway.wsUrl, outsider, AGENDA_SUB, { id, after: eventCursor });
    const member = collect<AgendaEvent>(stack.gateway.wsUrl, await stack.token("kaigo-hoken"), AGENDA_SUB, { id, after: eventCursor });
    try {
      await gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
        { i: { meetingId: id, kind: "REPORT", title: "一件目" } },
        supportChair,
      );
      await member.waitFor(1);
      await gql(
        `mutation ($id: ID!) { removeMeetingMember(meetingId: $id, organizationCode: "kaigo-hoken") { userErrors { code } } }`,
        { id },
        supportChair,
      );
      await gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
        { i: { meetingId: id, kind: "REPORT", title: "除外後" } },
        supportChair,
      );
      // Nothing more may arrive while removed. Each event carries the meeting as it was then, and a
      // stream takes its events in order: invited back, the member's next event is the invitation
      // (the agenda by then holds 除外後), and nothing from the time it was out may precede it.
      await gql(
        `mutation ($id: ID!) { addMeetingMember(meetingId: $id, organizationCode: "kaigo-hoken") { userErrors { code } } }`,
        { id },
        supportChair,
      );
      await member.waitFor(2, 20_000);
      expect(member.events.map((e) => e.agendaChanged.kind)).toEqual(["ITEM_ADDED", "MEMBERS_CHANGED"]);
      // Both items, the later one as a member that has not pledged sees any item of a 支援会議.
      expect(member.events[1]!.agendaChanged.agenda.map((i) => i.title)).toEqual([
        "議題（守秘義務の誓約後に表示）",
        "議題（守秘義務の誓約後に表示）",
      ]);
      // The outsider was refused when it subscribed: the refusal ends its stream.
      await spy.until((s) => s.errors.length > 0 || s.completed, 20_000);
      expect(spy.events).toEqual([]);
      expect(JSON.stringify(spy.errors)).toContain("NOT_FOUND");
    } finally {
      await spy.stop();
      await member.stop();
    }
  });
});

describe("a resumed stream merged at the gateway", () => {
  it("is not handed, replay and all, to a second person of an organisation removed from the meeting meanwhile", async () => {
    const supportChair = await stack.token("seikatsu-fukushi", ["chair"]);
    const made = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-02-02T05:00:00Z", memberCodes: ["kaigo-hoken"] }) { meeting { id eventCursor } } }`,
      {},
      supportChair,
    );
    const { id } = made.scheduleMeeting.meeting;
    // 介護保険課 pledged confidentiality: it reads the meeting's items while a member.
    await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id },
      await stack.token("kaigo-hoken"),
    );
    const { eventCursor } = (await gql(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, { id }, supportChair)).meeting;
    await gql(
      `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
      { i: { meetingId: id, kind: "REPORT", title: "除外前の議題" } },
      supportChair,
    );
    // One person of 介護保険課 resumes from before the item: its replay holds the item.
    const first = collect<AgendaEvent>(stack.gateway.wsUrl, await stack.token("kaigo-hoken", ["staff"], "kaigo-first"), AGENDA_SUB, {
      id,
      after: eventCursor,
    });
    let second: ReturnType<typeof collect<AgendaEvent>> | undefined;
    try {
      await first.waitFor(1);
      expect(first.events[0]!.agendaChanged.agenda.map((i) => i.title)).toEqual(["除外前の議題"]);
      await gql(
        `mutation ($id: ID!) { removeMeetingMember(meetingId: $id, organizationCode: "kaigo-hoken") { userErrors { code } } }`,
        { id },
        supportChair,
      );
      // Another person of the same organisation and roles, the same request: asked alone, the meetings
      // subgraph refuses it now; it must not be given the first person's replay instead.
      second = collect<AgendaEvent>(stack.gateway.wsUrl, await stack.token("kaigo-hoken", ["staff"], "kaigo-second"), AGENDA_SUB, {
        id,
        after: eventCursor,
      });
      await second.until((s) => s.errors.length > 0 || s.completed || s.events.length > 0, 20_000);
      expect(second.events).toEqual([]);
      expect(JSON.stringify(second.errors)).toContain("NOT_FOUND");
    } finally {
      await first.stop();
      await second?.stop();
    }
  });
});

describe("an organisation's action items and meetings through the gateway", () => {
  it("shows an action item assigned to 納税課 in its list and its subscription", async () => {
    const nozei = await stack.token("nozei");
    const { id, cursor } = await scheduleCouncil();
    const actions = collect<{ actionItemsChanged: { kind: string; actionItem: { title: string; assignee: { name: string } } } }>(
      stack.gateway.wsUrl,
      nozei,
      `subscription ($after: String) { actionItemsChanged(organizationCode: "nozei", after: $after) { kind cursor actionItem { title status assignee { code name } } } }`,
      { after: cursor },
    );
    try {
      const item = await addItem(id, "滞納と生活困窮の重なり");
      await gql(`mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { userErrors { code } } }`, {
        i: { itemId: item, title: "分納相談の案内を作成", assigneeCode: "nozei", dueDate: "2031-03-31" },
      });
      const [event] = await actions.waitFor(1);
      expect(event!.actionItemsChanged).toMatchObject({
        kind: "ACTION_ITEM_CREATED",
        actionItem: { title: "分納相談の案内を作成", assignee: { name: "納税課" } },
      });

      const listed = await gql(
        `{ organization(code: "nozei") { name actionItems(status: [OPEN]) { nodes { title overdue meeting { title } } } } }`,
        {},
        nozei,
      );
      expect(listed.organization.actionItems.nodes).toContainEqual({
        title: "分納相談の案内を作成",
        overdue: false,
        meeting: { title: "福祉まるごと会議" },
      });
    } finally {
      await actions.stop();
    }
  });

  it("tells a member organisation about new and rescheduled meetings", async () => {
    const nozei = await stack.token("nozei");
    const cursor = (await gql(`{ meetings(first: 1) { nodes { eventCursor } } }`, {}, nozei)).meetings.nodes[0].eventCursor;
    const feed = collect<{ meetingsChanged: { kind: string; meeting: { id: string; startsAt: string } } }>(
      stack.gateway.wsUrl,
      nozei,
      `subscription ($after: String) { meetingsChanged(organizationCode: "nozei", after: $after) { kind meeting { id title startsAt } } }`,
      { after: cursor },
    );
    try {
      const { id } = await scheduleCouncil();
      await gql(
        `mutation ($id: ID!) { rescheduleMeeting(input: { meetingId: $id, startsAt: "2031-01-17T05:00:00Z" }) { userErrors { code } } }`,
        { id },
      );
      const events = (await feed.waitFor(2)).map((e) => e.meetingsChanged);
      expect(events.map((e) => [e.kind, e.meeting.id])).toEqual([
        ["MEETING_SCHEDULED", id],
        ["MEETING_RESCHEDULED", id],
      ]);
      expect(events[1]!.meeting.startsAt).toBe("2031-01-17T05:00:00.000Z");
    } finally {
      await feed.stop();
    }
  });
});
