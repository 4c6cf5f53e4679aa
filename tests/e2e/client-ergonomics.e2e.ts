import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { openCase as openCaseAs } from "../helpers/cases.js";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect, type Collected } from "../helpers/subscriptions.js";

/**
 * What a client needs without improvising, through the gateway: `me`, the shared cases as a filtered
 * connection whose grounds say which meeting or consent disclosed each case, and an organisation's
 * event cursor to resume its streams from.
 */
const LEAD = "self-reliance-support-agency";
const LIAISON = "choju-shien";
const CHAIR = "seikatsu-fukushi"; // chairs 支援会議

let stack: Stack;
let leadToken: string;
let liaisonToken: string;
let meetingId: string;
const cases = {} as Record<"assigned" | "meeting" | "consent" | "unshared", string>;

async function gql(query: string, variables: Record<string, unknown> = {}, token = leadToken) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const openCase = () => openCaseAs((q, v) => gql(q, v), { name: "架空 三郎" });

const auditCount = async () => {
  const rows = await stack.subgraphs
    .cases!.em.fork()
    .execute<{ case_id: string; ground: string }[]>(
      `select case_id, ground from cases.audit_entry where organization_code = ? order by at, case_id`,
      [LIAISON],
    );
  return rows;
};

beforeAll(async () => {
  stack = await startStack();
  leadToken = await stack.token(LEAD);
  liaisonToken = await stack.token(LIAISON, ["staff"], "liaison-1");
  meetingId = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議（長寿）", startsAt: "2031-03-01T05:00:00Z", memberCodes: ["${LIAISON}", "${LEAD}"] }) { meeting { id } } }`,
      {},
      await stack.token(CHAIR, ["chair"]),
    )
  ).scheduleMeeting.meeting.id;
  // The liaison pledges confidentiality for it: a case is disclosed to members that pledged.
  await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, liaisonToken);
  cases.assigned = await openCase();
  await gql(
    `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${LIAISON}", role: SUPPORT) { userErrors { code } } }`,
    { id: cases.assigned },
  );
  cases.meeting = await openCase();
  const disclosed = await gql(
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${LIAISON}"], purpose: "見守り体制の協議" }) { userErrors { code } } }`,
    { id: cases.meeting, m: meetingId },
  );
  expect(disclosed.discloseToMeeting.userErrors).toEqual([]);
  cases.consent = await openCase();
  await gql(
    `mutation ($id: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: ["${LIAISON}"], infoKinds: [BASIC, CONSULTATION], coversMultiLayeredMeeting: false, givenOn: $d }) { userErrors { code } } }`,
    { id: cases.consent, d: tokyoDate() },
  );
  // Accepted: a different status from the others (RECEIVED).
  await gql(`mutation ($id: ID!) { transitionCase(input: { caseId: $id, to: ACCEPTED, complex: false }) { userErrors { code } } }`, {
    id: cases.consent,
  });
  cases.unshared = await openCase();
});
afterAll(() => stack?.close());

describe("me", () => {
  it("names the caller's organisation, resolved by the directory, and its roles; the liaison restates no code", async () => {
    const d = await gql(
      `{ me { subject organizationCode roles organization { code name kind sharedCases { totalCount } } } }`,
      {},
      liaisonToken,
    );
    expect(d.me).toEqual({
      subject: "liaison-1",
      organizationCode: LIAISON,
      roles: ["staff"],
      organization: { code: LIAISON, name: "長寿支援課", kind: "CITY_SECTION", sharedCases: { totalCount: 3 } },
    });
  });
});

describe("sharedCases as a connection", () => {
  const SHARED = `query ($first: Int, $after: String, $status: [CaseStatus!], $ground: [AccessGround!]) {
    me { organization { sharedCases(first: $first, after: $after, status: $status, ground: $ground) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id status }
      edges { cursor node { id } grounds groundSources { ground infoKinds assignmentRole consentGivenOn purpose disclosedAt meeting { id title } } }
    } } }
  }`;
  const shared = async (vars: Record<string, unknown> = {}) => (await gql(SHARED, vars, liaisonToken)).me.organization.sharedCases;

  it("pages with nodes, totalCount and cursors; only the page's cases are read (and audited)", async () => {
    const before = (await auditCount()).length;
    const first = await shared({ first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n: { id: string }) => n.id)).toEqual([cases.assigned, cases.meeting]);
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(first.nodes.map((n: { id: string }) => n.id));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const audited = await auditCount();
    // The two cases shown, each under the ground that disclosed it; not the next page's first.
    expect(audited.slice(before).sort((a, b) => a.case_id.localeCompare(b.case_id))).toEqual([
      { case_id: cases.assigned, ground: "ASSIGNMENT" },
      { case_id: cases.meeting, ground: "SUPPORT_MEETING" },
    ]);
    const second = await shared({ first: 2, after: first.pageInfo.endCursor });
    expect(second).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [{ id: cases.consent, status: "ACCEPTED" }] });
    expect((await auditCount()).slice(before + 2)).toEqual([{ case_id: cases.consent, ground: "CONSENT" }]);
  });

  it("says which meeting (resolved by the meetings subgraph) and purpose, which consent, which assignment", async () => {
    const all = await shared();
    const byId = Object.fromEntries(all.edges.map((e: { node: { id: string } }) => [e.node.id, e]));
    expect(byId[cases.assigned].groundSources).toEqual([
      {
        ground: "ASSIGNMENT",
        infoKinds: ["BASIC", "CONSULTATION", "ASSESSMENT", "PLAN", "PROGRESS"],
        assignmentRole: "SUPPORT",
        consentGivenOn: null,
        purpose: null,
        disclosedAt: null,
        meeting: null,
      },
    ]);
    expect(byId[cases.meeting].groundSources).toEqual([
      {
        ground: "SUPPORT_MEETING",
        infoKinds: ["BASIC", "ASSESSMENT", "PLAN"],
        assignmentRole: null,
        consentGivenOn: null,
        purpose: "見守り体制の協議",
        disclosedAt: expect.any(String),
        meeting: { id: meetingId, title: "支援会議（長寿）" },
      },
    ]);
    expect(byId[cases.consent].groundSources).toEqual([
      {
        ground: "CONSENT",
        infoKinds: ["BASIC", "CONSULTATION"],
        assignmentRole: null,
        consentGivenOn: tokyoDate(),
        purpose: null,
        disclosedAt: null,
        meeting: null,
      },
    ]);
    expect(Object.keys(byId)).not.toContain(cases.unshared);
  });

  it("filters by status and by ground, and counts what the filters keep", async () => {
    const accepted = await shared({ status: ["ACCEPTED"] });
    expect(accepted.totalCount).toBe(1);
    expect(accepted.nodes).toEqual([{ id: cases.consent, status: "ACCEPTED" }]);
    const meetings = await shared({ ground: ["SUPPORT_MEETING", "MULTI_LAYERED_SUPPORT_MEETING"] });
    expect(meetings.nodes.map((n: { id: string }) => n.id)).toEqual([cases.meeting]);
    expect(meetings.totalCount).toBe(1);
    const both = await shared({ ground: ["ASSIGNMENT"], status: ["ACCEPTED"] });
    expect(both).toMatchObject({ totalCount: 0, nodes: [] });
    expect((await shared({ ground: ["BREAK_GLASS"] })).totalCount).toBe(0);
  });

  it("lists none of them for an organisation without a ground, and refuses another organisation's list", async () => {
    const other = (await gql(`{ me { organization { sharedCases { totalCount nodes { id } } } } }`, {}, await stack.token("nozei"))).me
      .organization.sharedCases;
    expect(other.totalCount).toBe(other.nodes.length);
    for (const id of Object.values(cases)) expect(other.nodes).not.toContainEqual({ id });
    const res = await post(
      stack.gateway.url,
      `{ organization(code: "${LIAISON}") { sharedCases { totalCount } } }`,
      {},
      bearer(await stack.token("nozei")),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("Organization.eventCursor", () => {
  it("resumes actionItemsChanged and meetingsChanged from the cursor read with the lists: nothing before it, everything after", async () => {
    const chair = await stack.token(CHAIR, ["chair"]);
    const item = (
      await gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
        { i: { meetingId, kind: "TOPIC", title: "見守りの分担" } },
        chair,
      )
    ).addAgendaItem.item.id;
    const task = (title: string) =>
      gql(
        `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } userErrors { code } } }`,
        { i: { itemId: item, title, assigneeCode: LIAISON } },
        chair,
      );
    await task("読む前のタスク");
    const read = await gql(
      `{ me { organization { eventCursor actionItems { nodes { title } } meetings { nodes { id } } } } }`,
      {},
      liaisonToken,
    );
    const { eventCursor, actionItems } = read.me.organization;
    expect(actionItems.nodes.map((n: { title: string }) => n.title)).toContain("読む前のタスク");
    await task("読んだ後のタスク");
    await gql(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
    // Subscribed only now, after both changes: the cursor replays exactly what the read did not show.
    // Without an organisation code: the caller's own, as `me` says.
    const items = collect(
      stack.gateway.wsUrl,
      liaisonToken,
      `subscription ($after: String) { actionItemsChanged(after: $after, markCaughtUp: true) { cursor kind actionItem { title } } }`,
      { after: eventCursor },
    );
    const meetings = collect(
      stack.gateway.wsUrl,
      liaisonToken,
      `subscription ($c: String!, $after: String) { meetingsChanged(organizationCode: $c, after: $after, markCaughtUp: true) { cursor kind meeting { id status } } }`,
      { c: LIAISON, after: eventCursor },
    );
    // The replay is whole once its CAUGHT_UP has come: what precedes the mark is what was replayed.
    const replayOf = async <T>(stream: Collected<T>, kind: (e: T) => string) => {
      await stream.until((c) => c.events.some((e) => kind(e) === "CAUGHT_UP"));
      return stream.events.slice(
        0,
        stream.events.findIndex((e) => kind(e) === "CAUGHT_UP"),
      );
    };
    const [itemEvents, meetingEvents] = await Promise.all([
      replayOf(items, (e) => e.actionItemsChanged.kind),
      replayOf(meetings, (e) => e.meetingsChanged.kind),
    ]);
    expect(itemEvents.map((e) => e.actionItemsChanged.actionItem.title)).toEqual(["読んだ後のタスク"]);
    expect(meetingEvents.map((e) => [e.meetingsChanged.kind, e.meetingsChanged.meeting.status])).toEqual([
      ["MEETING_STATUS_CHANGED", "IN_PROGRESS"],
    ]);
    // One sequence: the two streams' cursors are comparable positions of the meetings subgraph.
    expect(itemEvents[0]!.actionItemsChanged.cursor).not.toBe(meetingEvents[0]!.meetingsChanged.cursor);
    await Promise.all([items.stop(), meetings.stop()]);
  });
});

describe("sharedCasesChanged", () => {
  type Event = {
    sharedCasesChanged: {
      cursor: string;
      kind: string;
      caseId: string;
      case: { id: string; caseNumber: string; grounds: string[] } | null;
    };
  };
  const STREAM = `subscription ($after: String) { sharedCasesChanged(after: $after) { cursor kind caseId case { id caseNumber grounds } } }`;

  it("announces cases newly shared with and unshared from the caller's organisation, through the gateway; another organisation receives nothing", async () => {
    const after = (await gql(`{ me { organization { sharedCases(first: 1) { eventCursor } } } }`, {}, liaisonToken)).me.organization
      .sharedCases.eventCursor as string;
    const liaison = collect<Event>(stack.gateway.wsUrl, liaisonToken, STREAM, { after });
    const colleague = collect<Event>(stack.gateway.wsUrl, await stack.token(LIAISON, ["staff"], "liaison-2"), STREAM, { after });
    const other = collect<Event>(stack.gateway.wsUrl, await stack.token("nozei"), STREAM, { after });
    const intruder = collect<Event>(
      stack.gateway.wsUrl,
      await stack.token("nozei"),
      `subscription { sharedCasesChanged(organizationCode: "${LIAISON}") { caseId } }`,
      {},
    );
    try {
      const assigned = await openCase();
      await gql(
        `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${LIAISON}", role: SUPPORT) { userErrors { code } } }`,
        { id: assigned },
      );
      const disclosed = await openCase();
      await gql(
        `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${LIAISON}"], purpose: "支援の分担" }) { userErrors { code } } }`,
        { id: disclosed, m: meetingId },
      );
      // A second ground on a case already shared changes nothing for the liaison: no event.
      await gql(
        `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${LIAISON}", role: SUPPORT) { userErrors { code } } }`,
        { id: disclosed },
      );
      await gql(`mutation ($id: ID!) { endAssignment(caseId: $id, organizationCode: "${LIAISON}") { userErrors { code } } }`, {
        id: assigned,
      });

      const events = (await liaison.waitFor(3)).map((e) => e.sharedCasesChanged);
      expect(events.map((e) => [e.kind, e.caseId])).toEqual([
        ["CASE_SHARED", assigned],
        ["CASE_SHARED", disclosed],
        ["CASE_UNSHARED", assigned],
      ]);
      // Each delivery reads the case through the caller's grounds at that moment.
      expect(events[0]!.case).toMatchObject({ id: assigned, grounds: ["ASSIGNMENT"] });
      expect(events[1]!.case).toMatchObject({ id: disclosed, grounds: expect.arrayContaining(["SUPPORT_MEETING"]) });
      expect(events[2]!.case).toBeNull();
      expect((await colleague.waitFor(3)).map((e) => e.sharedCasesChanged.kind)).toEqual(["CASE_SHARED", "CASE_SHARED", "CASE_UNSHARED"]);

      // Resumed from the first event's cursor: exactly what followed it.
      const resumed = collect<Event>(stack.gateway.wsUrl, liaisonToken, STREAM, { after: events[0]!.cursor });
      expect((await resumed.waitFor(2)).map((e) => [e.sharedCasesChanged.kind, e.sharedCasesChanged.caseId])).toEqual([
        ["CASE_SHARED", disclosed],
        ["CASE_UNSHARED", assigned],
      ]);
      await resumed.stop();
      // Replayed from the start: the case shared first is unshared by now, so its event carries no case.
      const replayed = collect<Event>(stack.gateway.wsUrl, liaisonToken, STREAM, { after });
      const again = (await replayed.waitFor(3)).map((e) => e.sharedCasesChanged);
      expect(again.map((e) => [e.kind, e.caseId, e.case?.id ?? null])).toEqual([
        ["CASE_SHARED", assigned, null],
        ["CASE_SHARED", disclosed, disclosed],
        ["CASE_UNSHARED", assigned, null],
      ]);
      await replayed.stop();

      // A later case shared with both organisations: each stream takes its events in order, so once
      // this one has come, nothing else was on its way to either before it.
      const marker = await openCase();
      for (const code of [LIAISON, "nozei"])
        await gql(
          `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${code}", role: SUPPORT) { userErrors { code } } }`,
          { id: marker },
        );
      await Promise.all([liaison.waitFor(4), other.waitFor(1)]);
      expect(liaison.events.slice(3).map((e) => [e.sharedCasesChanged.kind, e.sharedCasesChanged.caseId])).toEqual([
        ["CASE_SHARED", marker],
      ]);
      expect(other.events.map((e) => [e.sharedCasesChanged.kind, e.sharedCasesChanged.caseId])).toEqual([["CASE_SHARED", marker]]);
      expect(other.errors).toEqual([]);
      // The intruder was refused when it subscribed: the refusal ends its stream.
      await intruder.until((c) => c.errors.length > 0 || c.completed);
      expect(intruder.events).toEqual([]);
      expect(JSON.stringify(intruder.errors)).toContain("FORBIDDEN");
    } finally {
      await Promise.all([liaison.stop(), colleague.stop(), other.stop(), intruder.stop()]);
    }
  });

  it("announces a 重層的支援会議 share only while a consent covers it, and its end when the consent is withdrawn", async () => {
    const shakyoChair = await stack.token("shakyo", ["chair"]);
    const multi = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "multi-layered-support-meeting", title: "重層的支援会議", startsAt: "2031-03-02T05:00:00Z", memberCodes: ["${LIAISON}", "${LEAD}"] }) { meeting { id } } }`,
        {},
        shakyoChair,
      )
    ).scheduleMeeting.meeting.id;
    await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: multi }, liaisonToken);
    const after = (await gql(`{ me { organization { sharedCases(first: 1) { eventCursor } } } }`, {}, liaisonToken)).me.organization
      .sharedCases.eventCursor as string;
    const liaison = collect<Event>(stack.gateway.wsUrl, liaisonToken, STREAM, { after });
    try {
      const id = await openCase();
      const consent = await gql(
        `mutation ($id: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: [], infoKinds: [BASIC], coversMultiLayeredMeeting: true, givenOn: $d }) { case { consents { id } } userErrors { code } } }`,
        { id, d: tokyoDate() },
      );
      const consentId = consent.recordConsent.case.consents[0].id;
      await gql(
        `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: MULTI_LAYERED_SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${LIAISON}"], purpose: "支援プランの確認" }) { userErrors { code } } }`,
        { id, m: multi },
      );
      await gql(`mutation ($id: ID!) { withdrawConsent(consentId: $id) { userErrors { code } } }`, { id: consentId });
      const events = (await liaison.waitFor(2)).map((e) => [e.sharedCasesChanged.kind, e.sharedCasesChanged.caseId]);
      expect(events).toEqual([
        ["CASE_SHARED", id],
        ["CASE_UNSHARED", id],
      ]);
    } finally {
      await liaison.stop();
    }
  });
});
