import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { metrics } from "@marugoto/shared";
import { openCase } from "../helpers/cases.js";
import { bearer, post, signedHeaders } from "../helpers/client.js";
import { anotherGateway, startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

const LEAD = "self-reliance-support-agency";
const CHAIR = "seikatsu-fukushi";

async function gql(query: string, variables: Record<string, unknown>, token: string, operationName?: string) {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token) },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function auditOf(caseId: string, org: string) {
  const d = await gql(
    `query ($id: ID!, $org: String!) { auditLog(caseId: $id, organizationCode: $org, first: 100) { edges { node { ground operation } } } }`,
    { id: caseId, org },
    await stack.token(CHAIR, ["auditor"]),
  );
  return d.auditLog.edges.map((e: { node: unknown }) => e.node) as { ground: string; operation: string }[];
}

/** A 支援会議 with a case item; the case is disclosed to kaigo-hoken only; nozei and kaigo-hoken both pledged. */
async function meetingWithCaseItem(): Promise<{ meetingId: string; caseId: string }> {
  const lead = await stack.token(LEAD);
  const chair = await stack.token(CHAIR, ["chair"]);
  const meetingId = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-05-01T05:00:00Z", memberCodes: ["nozei", "kaigo-hoken", "${LEAD}"] }) { meeting { id } } }`,
      {},
      chair,
    )
  ).scheduleMeeting.meeting.id as string;
  for (const org of ["nozei", "kaigo-hoken"]) {
    await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id: meetingId },
      await stack.token(org),
    );
  }
  const caseId = await openCase((q, v) => gql(q, v, lead), { name: "架空 三郎" });
  const disclosed = await gql(
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["kaigo-hoken"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id: caseId, m: meetingId },
    lead,
  );
  expect(disclosed.discloseToMeeting.userErrors).toEqual([]);
  const added = await gql(
    `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
    { i: { meetingId, kind: "CASE", title: "ケース検討", caseId } },
    chair,
  );
  expect(added.addAgendaItem.userErrors).toEqual([]);
  return { meetingId, caseId };
}

/** What the cases subgraph answers through the gateway when it refuses, and how it audits entity reads. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("refusals through the gateway", () => {
  it("answers FORBIDDEN for each of two refused root fields in one document, never INTERNAL_SERVER_ERROR", async () => {
    const token = await stack.token("koho");
    for (const query of [
      `query Both { a: auditLog { edges { node { ground } } } b: breakGlassReviews { id } }`,
      `query BothReversed { b: breakGlassReviews { id } a: auditLog { edges { node { ground } } } }`,
    ]) {
      const res = await post(stack.gateway.url, query, {}, bearer(token));
      expect(res.data).toEqual(expect.objectContaining({ a: null, b: null }));
      const codes = Object.fromEntries(res.errors!.map((e) => [e.path![0], e.extensions!.code]));
      expect(codes).toEqual({ a: "FORBIDDEN", b: "FORBIDDEN" });
    }
  });
});

describe("AgendaItem.case", () => {
  it("is null for a pledged member without a ground (and nothing is audited), the case for a member with one (audited)", async () => {
    const { meetingId, caseId } = await meetingWithCaseItem();
    const agenda = `query Agenda($id: ID!) { meeting(id: $id) { agenda { caseId case { id meetings { id } } } } }`;

    const without = await gql(agenda, { id: meetingId }, await stack.token("nozei"), "Agenda");
    expect(without.meeting.agenda).toEqual([{ caseId, case: null }]);
    expect(await auditOf(caseId, "nozei")).toEqual([]);

    const withGround = await gql(agenda, { id: meetingId }, await stack.token("kaigo-hoken"), "Agenda");
    expect(withGround.meeting.agenda).toEqual([{ caseId, case: { id: caseId, meetings: [{ id: meetingId }] } }]);
    expect((await auditOf(caseId, "kaigo-hoken")).map((r) => r.ground)).toContain("SUPPORT_MEETING");
  });

  it("is null by _entities on the cases subgraph for a caller without a ground", async () => {
    const { caseId } = await meetingWithCaseItem();
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on AgendaItem { case { id } } ... on Case { id caseNumber } } }`;
    const call = (org: string) => {
      const variables = {
        r: [
          { __typename: "AgendaItem", id: "00000000-0000-0000-0000-000000000001", caseId },
          { __typename: "Case", id: caseId },
        ],
      };
      return post(
        stack.subgraphs.cases!.url,
        query,
        variables,
        signedHeaders("cases", { sub: `user-${org}`, org, roles: ["staff"] }, TEST_SECRET, query, variables),
      );
    };
    expect((await call("nozei")).data!._entities).toEqual([{ case: null }, null]);
    expect((await call("kaigo-hoken")).data!._entities).toEqual([{ case: { id: caseId } }, { id: caseId, caseNumber: expect.any(String) }]);
  });
});

describe("entity reads are audited under the client's operation name", () => {
  it("names the client's operation, with or without operationName in the body, and for a subscription", async () => {
    const { meetingId, caseId } = await meetingWithCaseItem();
    const k = await stack.token("kaigo-hoken");
    // AgendaItem.case: the gateway asks the cases subgraph by _entities.
    await gql(
      `query AgendaWithCase($id: ID!) { meeting(id: $id) { agenda { case { caseNumber } } } }`,
      { id: meetingId },
      k,
      "AgendaWithCase",
    );
    await gql(`query AgendaNoNameInBody($id: ID!) { meeting(id: $id) { agenda { case { caseNumber } } } }`, { id: meetingId }, k);
    // From the meeting's cursor: no wait for the subscription to be in place, nothing after it is missed.
    const after = (await gql(`query MeetingCursor($id: ID!) { meeting(id: $id) { eventCursor } }`, { id: meetingId }, k)).meeting
      .eventCursor;
    const stream = collect<{ agendaChanged: unknown }>(
      stack.gateway.wsUrl,
      k,
      `subscription AgendaStream($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { agenda { case { caseNumber } } } }`,
      { id: meetingId, after },
    );
    try {
      await gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
        { i: { meetingId, kind: "CASE", title: "ケース検討（続き）", caseId } },
        await stack.token(CHAIR, ["chair"]),
      );
      await stream.waitFor(1);
    } finally {
      await stream.stop();
    }
    const operations = (await auditOf(caseId, "kaigo-hoken")).map((r) => r.operation);
    expect(operations).toEqual(
      expect.arrayContaining(["AgendaWithCase:AgendaItem.case", "AgendaNoNameInBody:AgendaItem.case", "AgendaStream:AgendaItem.case"]),
    );
    expect(operations.filter((o) => o.startsWith("anonymous"))).toEqual([]);
  });
});

describe("a subscription's case calls, sent together or one by one", () => {
  it("give each person the same answer either way: the case to a member with a ground, null to one without", async () => {
    const { meetingId, caseId } = await meetingWithCaseItem();
    const chair = await stack.token(CHAIR, ["chair"]);
    const people = { "kaigo-hoken": await stack.token("kaigo-hoken"), nozei: await stack.token("nozei") };
    const SUB = `subscription PersonalAgenda($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { agenda { title case { id } } } }`;
    const batched = () => counted(metrics.upstreamBatchedCalls);
    /** What each person's stream says of the case on the item added while it runs. */
    const answers = async (wsUrl: string) => {
      const after = (await gql(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, { id: meetingId }, chair)).meeting.eventCursor;
      const streams = Object.entries(people).map(([org, token]) => ({
        org,
        stream: collect<{ agendaChanged: { agenda: { title: string; case: { id: string } | null }[] } }>(wsUrl, token, SUB, {
          id: meetingId,
          after,
        }),
      }));
      const title = `ケース検討（${wsUrl.slice(-12)}）`;
      try {
        await gql(
          `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
          { i: { meetingId, kind: "CASE", title, caseId } },
          chair,
        );
        const seen: Record<string, unknown> = {};
        for (const { org, stream } of streams) {
          const [event] = await stream.waitFor(1);
          seen[org] = event!.agendaChanged.agenda.find((i) => i.title === title)?.case ?? null;
        }
        return seen;
      } finally {
        await Promise.all(streams.map(({ stream }) => stream.stop()));
      }
    };
    const oneByOne = await anotherGateway(stack, { batchSubscriptionCalls: false });
    try {
      const before = await batched();
      expect(await answers(oneByOne.url.replace(/^http/, "ws"))).toEqual({ "kaigo-hoken": { id: caseId }, nozei: null });
      expect(await batched()).toBe(before);
    } finally {
      await oneByOne.close();
    }
    const before = await batched();
    expect(await answers(stack.gateway.wsUrl)).toEqual({ "kaigo-hoken": { id: caseId }, nozei: null });
    expect(await batched()).toBeGreaterThan(before);
  });
});

describe("live personal subscriptions of one organisation", () => {
  it("run once per organisation (one upstream subscription to the meetings subgraph each), while each person's case is decided alone", async () => {
    const { meetingId, caseId } = await meetingWithCaseItem();
    const chair = await stack.token(CHAIR, ["chair"]);
    const people = [
      { who: "kaigo-1", token: await stack.token("kaigo-hoken", ["staff"], "kaigo-1") },
      { who: "kaigo-2", token: await stack.token("kaigo-hoken", ["staff"], "kaigo-2") },
      { who: "kaigo-3", token: await stack.token("kaigo-hoken", ["staff"], "kaigo-3") },
      { who: "nozei-1", token: await stack.token("nozei", ["staff"], "nozei-1") },
    ];
    // Live (no `after`), a selection reaching `Case`: one fan-out group per organisation and roles.
    const SUB = `subscription LivePersonal($id: ID!) { agendaChanged(meetingId: $id) { agenda { title case { id } } } }`;
    type Event = { agendaChanged: { agenda: { title: string; case: { id: string } | null }[] } };
    const groupsBefore = stack.gateway.subscriptionStats().groups;
    const fanOutBefore = stack.gateway.fanOutStats();
    const sharedBefore = stack.gateway.sharedUpstreamStats();
    /** The gateway's calls to the meetings subgraph for this operation (its metric). */
    const meetingsCalls = async () =>
      (await metrics.subgraphRequests.get()).values
        .filter((v) => v.labels.subgraph === "meetings" && v.labels.operation === "LivePersonal")
        .reduce((sum, v) => sum + v.value, 0);
    const callsBefore = await meetingsCalls();
    const streams = people.map(({ who, token }) => ({ who, stream: collect<Event>(stack.gateway.wsUrl, token, SUB, { id: meetingId }) }));
    try {
      const add = (title: string) =>
        gql(
          `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
          { i: { meetingId, kind: "CASE", title, caseId } },
          chair,
        );
      // A live stream shows no sign of being in place: add items until each person has an event.
      for (let attempt = 0; attempt < 20 && !streams.every(({ stream }) => stream.events.length); attempt++) {
        await add(`ケース検討 ${attempt}`);
        await vi
          .waitFor(() => expect(streams.every(({ stream }) => stream.events.length)).toBe(true), { timeout: 1_000 })
          .catch(() => undefined);
      }
      // Every stream in place: one more item, which everyone receives.
      const title = "ケース検討（全員）";
      await add(title);
      const carries = (e: Event) => e.agendaChanged.agenda.some((i) => i.title === title);
      await vi.waitFor(() => expect(streams.every(({ stream }) => stream.events.some(carries))).toBe(true), { timeout: 10_000 });
      expect(stack.gateway.subscriptionStats().groups - groupsBefore).toBe(0);
      expect(stack.gateway.fanOutStats().groups - fanOutBefore.groups).toBe(2);
      expect(stack.gateway.fanOutStats().members - fanOutBefore.members).toBe(4);
      const shared = stack.gateway.sharedUpstreamStats();
      // Two upstream subscriptions (kaigo-hoken, nozei), each read by its organisation's one run.
      expect(shared.upstreams - sharedBefore.upstreams).toBe(2);
      expect(shared.subscribers - sharedBefore.subscribers).toBe(2);
      expect(shared.joined - sharedBefore.joined).toBe(0);
      // And the metric counts the two calls made, not the four subscriptions.
      expect((await meetingsCalls()) - callsBefore).toBe(2);
      // The case for the three of kaigo-hoken (disclosed to it), null for nozei.
      const seen = Object.fromEntries(
        streams.map(({ who, stream }) => [who, stream.events.find(carries)!.agendaChanged.agenda.find((i) => i.title === title)!.case]),
      );
      expect(seen).toEqual({ "kaigo-1": { id: caseId }, "kaigo-2": { id: caseId }, "kaigo-3": { id: caseId }, "nozei-1": null });
    } finally {
      await Promise.all(streams.map(({ stream }) => stream.stop()));
    }
    // The last one gone, the upstream subscriptions end.
    await vi.waitFor(() => expect(stack.gateway.sharedUpstreamStats().upstreams).toBe(sharedBefore.upstreams), {
      timeout: 5_000,
      interval: 20,
    });
  });
});

/** A counter's value in this process (the gateways run in it). */
const counted = async (counter: { get(): Promise<{ values: { value: number }[] }> }) =>
  (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);

describe("a disclosure matches its meeting", () => {
  it("refuses a kind that is not the meeting's body kind (policy bodies never match) and organisations that are not members; writes nothing", async () => {
    const lead = await stack.token(LEAD);
    const { caseId } = await meetingWithCaseItem();
    const council = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-06-01T05:00:00Z" }) { meeting { id } } }`,
        {},
        await stack.token("fukushi-suishin-bu", ["chair"]),
      )
    ).scheduleMeeting.meeting.id as string;
    const multiLayered = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "multi-layered-support-meeting", title: "重層的支援会議", startsAt: "2031-06-02T05:00:00Z", memberCodes: ["nozei", "${LEAD}"] }) { meeting { id } } }`,
        {},
        await stack.token("shakyo", ["chair"]),
      )
    ).scheduleMeeting.meeting.id as string;
    const support = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-06-03T05:00:00Z", memberCodes: ["nozei", "${LEAD}"] }) { meeting { id } } }`,
        {},
        await stack.token(CHAIR, ["chair"]),
      )
    ).scheduleMeeting.meeting.id as string;
    const disclose = (kind: string, meetingId: string, org: string) =>
      gql(
        `mutation ($id: ID!, $k: DisclosureKind!, $m: ID!, $o: [String!]!) { discloseToMeeting(input: { caseId: $id, kind: $k, meetingId: $m, organizationCodes: $o, purpose: "支援方針の協議" }) { case { id } userErrors { code message } } }`,
        { id: caseId, k: kind, m: meetingId, o: [org] },
        lead,
      );
    const count = async () =>
      Number((await stack.subgraphs.cases!.em.fork().execute<{ n: string }[]>(`select count(*) as n from cases.disclosure`))[0]!.n);
    const before = await count();
    // 支援会議 kind to a 福祉まるごと会議 sitting: 広報課 (koho) would get the case.
    expect((await disclose("SUPPORT_MEETING", council, "koho")).discloseToMeeting).toMatchObject({
      case: null,
      userErrors: [{ code: "MEETING_KIND_MISMATCH" }],
    });
    // 支援会議 kind to a 重層的支援会議 sitting: would bypass the consent the latter needs.
    expect((await disclose("SUPPORT_MEETING", multiLayered, "nozei")).discloseToMeeting.userErrors).toMatchObject([
      { code: "MEETING_KIND_MISMATCH" },
    ]);
    // Not a member of the meeting.
    expect((await disclose("SUPPORT_MEETING", support, "koho")).discloseToMeeting.userErrors).toMatchObject([
      { code: "NOT_MEETING_MEMBER" },
    ]);
    // A meeting that does not exist.
    expect((await disclose("SUPPORT_MEETING", "00000000-0000-4000-8000-000000000000", "nozei")).discloseToMeeting.userErrors).toMatchObject(
      [{ code: "MEETING_NOT_FOUND" }],
    );
    // A member that has not pledged confidentiality: the meeting would hide the case item from it.
    expect((await disclose("SUPPORT_MEETING", support, "nozei")).discloseToMeeting.userErrors).toMatchObject([
      { code: "NOT_PLEDGED", message: "守秘義務の誓約をしていない構成員には提供できません（nozei）。誓約の後に提供してください。" },
    ]);
    expect(await count()).toBe(before);
    expect((await gql(`query ($id: ID!) { case(id: $id) { id } }`, { id: caseId }, await stack.token("koho"))).case).toBeNull();
    expect((await gql(`query ($id: ID!) { case(id: $id) { id } }`, { id: caseId }, await stack.token("nozei"))).case).toBeNull();
    // The matching kind, to a member that pledged: accepted.
    await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id: support },
      await stack.token("nozei"),
    );
    expect((await disclose("SUPPORT_MEETING", support, "nozei")).discloseToMeeting.userErrors).toEqual([]);
  });
});
