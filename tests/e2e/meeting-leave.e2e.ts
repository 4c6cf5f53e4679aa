import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase as openCaseAs } from "../helpers/cases.js";
import { MEETING_DISCLOSURES_LOCK_SQL } from "../../subgraphs/cases/src/access/access.entity.js";
import { bearer, post, signedHeaders } from "../helpers/client.js";
import { whileLockHeld, whileRowHeld } from "../helpers/held-row.js";
import { startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * DOMAIN: what is disclosed in a 支援会議 is visible to that meeting's members only. An organisation
 * the chair removes from the meeting no longer sees the cases the meeting was shown — through the
 * gateway, in `case`, in `sharedCases`, and it hears CASE_UNSHARED — while the members that stay keep
 * them, and the record of the disclosure (who was shown what) is kept.
 */
const LEAD = "self-reliance-support-agency";
const CHAIR = "seikatsu-fukushi"; // chairs 支援会議
const LEAVING = "choju-shien";
const STAYING = "kaigo-hoken";

let stack: Stack;
let leadToken: string;
beforeAll(async () => {
  stack = await startStack();
  leadToken = await stack.token(LEAD, ["staff"]);
});
afterAll(() => stack?.close());

async function gql(query: string, variables: Record<string, unknown> = {}, token = leadToken) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const SHARED = `query ($o: String!) { organization(code: $o) { sharedCases { eventCursor nodes { id } } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { id grounds mainPerson { name } } }`;
const REMOVE = `mutation ($m: ID!, $o: String!) { removeMeetingMember(meetingId: $m, organizationCode: $o) { meeting { members { organization { code } } } userErrors { code } } }`;

/** A 支援会議 with both organisations, and a case disclosed to both of them for it. */
async function disclosedCase(): Promise<{ meetingId: string; caseId: string }> {
  const chair = await stack.token(CHAIR, ["chair"]);
  const meetingId = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-04-01T05:00:00Z", memberCodes: ["${LEAVING}", "${STAYING}", "${LEAD}"] }) { meeting { id } } }`,
      {},
      chair,
    )
  ).scheduleMeeting.meeting.id as string;
  for (const org of [LEAVING, STAYING])
    await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id: meetingId },
      await stack.token(org),
    );
  const caseId = await openCaseAs((q, v) => gql(q, v), { name: "架空 三郎" });
  const d = await gql(
    `mutation ($c: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${LEAVING}", "${STAYING}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { c: caseId, m: meetingId },
  );
  expect(d.discloseToMeeting.userErrors).toEqual([]);
  return { meetingId, caseId };
}

describe("an organisation removed from a 支援会議", () => {
  it("no longer sees the cases the meeting was shown; those who stay still do, and the record is kept", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const leaving = await stack.token(LEAVING, ["staff"]);
    const staying = await stack.token(STAYING, ["staff"]);
    expect((await gql(CASE, { id: caseId }, leaving)).case).toMatchObject({ id: caseId, grounds: ["SUPPORT_MEETING"] });
    const shared = async (org: string, token: string) => (await gql(SHARED, { o: org }, token)).organization.sharedCases;
    const ids = async (org: string, token: string) => (await shared(org, token)).nodes.map((n: { id: string }) => n.id);
    const before = await shared(LEAVING, leaving);
    expect(before.nodes.map((n: { id: string }) => n.id)).toContain(caseId);

    // From the list's own position: what happens after it is replayed, whenever the stream starts.
    const live = collect<{ sharedCasesChanged: { kind: string; caseId: string } }>(
      stack.gateway.wsUrl,
      leaving,
      `subscription ($after: String) { sharedCasesChanged(after: $after) { kind caseId } }`,
      { after: before.eventCursor },
    );
    try {
      const removed = await gql(REMOVE, { m: meetingId, o: LEAVING }, await stack.token(CHAIR, ["chair"]));
      expect(removed!.removeMeetingMember.userErrors).toEqual([]);
      expect(removed.removeMeetingMember.meeting.members.map((m: { organization: { code: string } }) => m.organization.code)).not.toContain(
        LEAVING,
      );
      // Gone for the organisation that left: no case, not in its list, and told so live.
      expect((await gql(CASE, { id: caseId }, leaving)).case).toBeNull();
      expect(await ids(LEAVING, leaving)).not.toContain(caseId);
      await live.until((s) => s.events.some((e) => e.sharedCasesChanged.caseId === caseId), 20_000);
      expect(live.events.filter((e) => e.sharedCasesChanged.caseId === caseId).map((e) => e.sharedCasesChanged.kind)).toEqual([
        "CASE_UNSHARED",
      ]);
    } finally {
      await live.stop();
    }
    // Kept for the organisation that stays, on the same ground.
    expect((await gql(CASE, { id: caseId }, staying)).case).toMatchObject({ id: caseId, grounds: ["SUPPORT_MEETING"] });
    // The case's manager still sees who was shown what: the first disclosure (both, revoked) and its successor.
    const record = await gql(`query ($id: ID!) { case(id: $id) { disclosures { revokedAt organizations { code } } } }`, { id: caseId });
    const shown = record.case.disclosures.map((d: { revokedAt: string | null; organizations: { code: string }[] }) => ({
      revoked: d.revokedAt !== null,
      codes: d.organizations.map((o) => o.code).sort(),
    }));
    expect(shown).toEqual(
      expect.arrayContaining([
        { revoked: true, codes: [LEAVING, STAYING].sort() },
        { revoked: false, codes: [STAYING] },
      ]),
    );
    expect(shown).toHaveLength(2);
  });

  it("is withdrawn only by the meetings subgraph as the chair: not in the public graph, and refused by the cases subgraph to anyone else", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const withdraw = `mutation ($m: ID!, $o: String!) { withdrawMeetingDisclosures(meetingId: $m, organizationCode: $o) { withdrawn userErrors { code } } }`;
    const variables = { m: meetingId, o: STAYING };
    // Through the gateway the field does not exist (@inaccessible), for the chair too.
    const viaGateway = await post(stack.gateway.url, withdraw, variables, bearer(await stack.token(CHAIR, ["chair"])));
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    // Straight at the cases subgraph, signed as the case's lead (a member, not the chair): refused.
    const lead = { sub: "lead-worker", org: LEAD, roles: ["staff"] };
    const direct = await post(
      stack.subgraphs.cases!.url,
      withdraw,
      variables,
      signedHeaders("cases", lead, TEST_SECRET, withdraw, variables),
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await gql(CASE, { id: caseId }, await stack.token(STAYING, ["staff"]))).case).toMatchObject({ grounds: ["SUPPORT_MEETING"] });
  });

  it("is not disclosed to on a check of the meeting made before it left, and is again once invited back", async () => {
    const { meetingId } = await disclosedCase();
    const chair = await stack.token(CHAIR, ["chair"]);
    const disclose = async (caseId: string) =>
      (
        await gql(
          `mutation ($c: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${LEAVING}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
          { c: caseId, m: meetingId },
        )
      ).discloseToMeeting.userErrors.map((e: { code: string }) => e.code);
    // The cases subgraph has withdrawn what the meeting showed the leaving organisation; the meetings
    // subgraph has not removed it yet (the moment between the two): a disclosure checked now still finds
    // it a member, and is refused all the same.
    const withdraw = `mutation ($m: ID!, $o: String!) { withdrawMeetingDisclosures(meetingId: $m, organizationCode: $o) { withdrawn userErrors { code } } }`;
    const asChair = { sub: "chair-person", org: CHAIR, roles: ["chair"] };
    const variables = { m: meetingId, o: LEAVING };
    const withdrawn = await post(
      stack.subgraphs.cases!.url,
      withdraw,
      variables,
      signedHeaders("cases", asChair, TEST_SECRET, withdraw, variables),
    );
    expect(withdrawn.data?.withdrawMeetingDisclosures).toEqual({ withdrawn: 1, userErrors: [] });
    const another = await openCaseAs((q, v) => gql(q, v), { name: "架空 七郎" });
    expect(await disclose(another)).toEqual(["NOT_MEETING_MEMBER"]);
    // Removed, then invited back (its pledge stands): disclosed to again.
    expect((await gql(REMOVE, { m: meetingId, o: LEAVING }, chair)).removeMeetingMember.userErrors).toEqual([]);
    const readd = `mutation ($m: ID!, $o: String!) { addMeetingMember(meetingId: $m, organizationCode: $o) { userErrors { code } } }`;
    expect((await gql(readd, { m: meetingId, o: LEAVING }, chair)).addMeetingMember.userErrors).toEqual([]);
    expect(await disclose(another)).toEqual([]);
    expect((await gql(CASE, { id: another }, await stack.token(LEAVING, ["staff"]))).case).toMatchObject({ grounds: ["SUPPORT_MEETING"] });
  });

  it("loses a disclosure made while it was being removed: the two are taken one after the other", async () => {
    const { meetingId } = await disclosedCase();
    const another = await openCaseAs((q, v) => gql(q, v), { name: "架空 八郎" });
    const chair = await stack.token(CHAIR, ["chair"]);
    // The disclosure has checked the meeting (a member) and waits; the removal's withdrawal waits behind it.
    const [disclosed, removed] = await whileLockHeld(
      stack.subgraphs.cases!.em,
      MEETING_DISCLOSURES_LOCK_SQL,
      [meetingId],
      [
        () =>
          gql(
            `mutation ($c: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${LEAVING}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
            { c: another, m: meetingId },
          ),
        () => gql(REMOVE, { m: meetingId, o: LEAVING }, chair),
      ],
    );
    expect(disclosed!.discloseToMeeting.userErrors).toEqual([]);
    expect(removed!.removeMeetingMember.userErrors).toEqual([]);
    // Made first, withdrawn with the rest: the organisation that left does not see it.
    expect((await gql(CASE, { id: another }, await stack.token(LEAVING, ["staff"]))).case).toBeNull();
  });

  it("does not bring back a disclosure its manager revokes meanwhile, nor lets the manager take a revoked one for revoked", async () => {
    const withdraw = `mutation ($m: ID!, $o: String!) { withdrawMeetingDisclosures(meetingId: $m, organizationCode: $o) { withdrawn userErrors { code } } }`;
    const asChair = { sub: "chair-person", org: CHAIR, roles: ["chair"] };
    const leave = (meetingId: string) => () =>
      post(
        stack.subgraphs.cases!.url,
        withdraw,
        { m: meetingId, o: LEAVING },
        signedHeaders("cases", asChair, TEST_SECRET, withdraw, { m: meetingId, o: LEAVING }),
      );
    const revoke = (id: string) => () =>
      post(
        stack.gateway.url,
        `mutation ($d: ID!) { revokeDisclosure(disclosureId: $d) { userErrors { code } } }`,
        { d: id },
        bearer(leadToken),
      );
    const disclosure = async (caseId: string) =>
      (await gql(`query ($id: ID!) { case(id: $id) { disclosures { id } } }`, { id: caseId })).case.disclosures[0].id as string;
    const staying = await stack.token(STAYING, ["staff"]);

    // The manager's revocation first, the withdrawal (which has read the disclosure) waiting behind it:
    // nothing is made again for the organisation that stays.
    const first = await disclosedCase();
    const [revoked, left] = await whileRowHeld(stack.subgraphs.cases!.em, "cases.support_case", first.caseId, [
      revoke(await disclosure(first.caseId)),
      leave(first.meetingId),
    ]);
    expect(revoked!.data?.revokeDisclosure.userErrors).toEqual([]);
    expect(left!.data?.withdrawMeetingDisclosures).toEqual({ withdrawn: 0, userErrors: [] });
    expect((await gql(CASE, { id: first.caseId }, staying)).case).toBeNull();

    // The withdrawal first: it made the disclosure again for the organisation that stays; the manager's
    // revocation of the old one is told so, not answered as done.
    const second = await disclosedCase();
    const [left2, revoked2] = await whileRowHeld(stack.subgraphs.cases!.em, "cases.support_case", second.caseId, [
      leave(second.meetingId),
      revoke(await disclosure(second.caseId)),
    ]);
    expect(left2!.data?.withdrawMeetingDisclosures).toEqual({ withdrawn: 1, userErrors: [] });
    expect(revoked2!.data?.revokeDisclosure.userErrors).toEqual([{ code: "ALREADY_REVOKED" }]);
  });

  it("is not disclosed to for a sitting called off (中止) or over (閉会): its members can no longer be changed", async () => {
    const chair = await stack.token(CHAIR, ["chair"]);
    const another = await openCaseAs((q, v) => gql(q, v), { name: "架空 九郎" });
    const disclose = async (meetingId: string) =>
      (
        await gql(
          `mutation ($c: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${STAYING}"], purpose: "支援方針の協議" }) { userErrors { code message field } } }`,
          { c: another, m: meetingId },
        )
      ).discloseToMeeting.userErrors;
    const cancelled = (await disclosedCase()).meetingId;
    expect(
      (await gql(`mutation ($m: ID!) { cancelMeeting(meetingId: $m) { userErrors { code } } }`, { m: cancelled }, chair)).cancelMeeting
        .userErrors,
    ).toEqual([]);
    expect(await disclose(cancelled)).toEqual([
      { code: "MEETING_NOT_OPEN", message: "中止された会議にはケース情報を提供できません。", field: ["meetingId"] },
    ]);
    const closed = (await disclosedCase()).meetingId;
    for (const step of ["startMeeting", "closeMeeting"])
      expect(
        (await gql(`mutation ($m: ID!) { ${step}(meetingId: $m) { userErrors { code } } }`, { m: closed }, chair))[step].userErrors,
      ).toEqual([]);
    expect(await disclose(closed)).toEqual([
      { code: "MEETING_NOT_OPEN", message: "終了した会議にはケース情報を提供できません。", field: ["meetingId"] },
    ]);
    expect((await gql(CASE, { id: another }, await stack.token(STAYING, ["staff"]))).case).toBeNull();
  });

  it("stays a member, told CASES_UNAVAILABLE, while the cases subgraph cannot withdraw what it was shown", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const chair = await stack.token(CHAIR, ["chair"]);
    await stack.stopSubgraph("cases");
    try {
      const refused = await gql(REMOVE, { m: meetingId, o: LEAVING }, chair);
      expect(refused.removeMeetingMember.userErrors).toEqual([{ code: "CASES_UNAVAILABLE" }]);
    } finally {
      await stack.startSubgraph("cases");
    }
    const members = await gql(`query ($m: ID!) { meeting(id: $m) { members { organization { code } } } }`, { m: meetingId }, chair);
    expect(members.meeting.members.map((m: { organization: { code: string } }) => m.organization.code)).toContain(LEAVING);
    expect((await gql(CASE, { id: caseId }, await stack.token(LEAVING, ["staff"]))).case).toMatchObject({ grounds: ["SUPPORT_MEETING"] });
    // Once it can be told, the removal goes through.
    expect((await gql(REMOVE, { m: meetingId, o: LEAVING }, chair)).removeMeetingMember.userErrors).toEqual([]);
  });
});

describe("a case meeting called off (中止)", () => {
  const CANCEL = `mutation ($m: ID!) { cancelMeeting(meetingId: $m) { meeting { status } userErrors { code } } }`;
  const disclosuresOf = async (caseId: string) =>
    (await gql(`query ($id: ID!) { case(id: $id) { disclosures { revokedAt organizations { code } } } }`, { id: caseId })).case
      .disclosures as { revokedAt: string | null; organizations: { code: string }[] }[];

  it("shows no member what it was disclosed: gone from `case` and `sharedCases`, told live, the record kept", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const leaving = await stack.token(LEAVING, ["staff"]);
    const staying = await stack.token(STAYING, ["staff"]);
    for (const token of [leaving, staying])
      expect((await gql(CASE, { id: caseId }, token)).case).toMatchObject({ id: caseId, grounds: ["SUPPORT_MEETING"] });
    const before = (await gql(SHARED, { o: STAYING }, staying)).organization.sharedCases;
    const live = collect<{ sharedCasesChanged: { kind: string; caseId: string } }>(
      stack.gateway.wsUrl,
      staying,
      `subscription ($after: String) { sharedCasesChanged(after: $after) { kind caseId } }`,
      { after: before.eventCursor },
    );
    try {
      const cancelled = await gql(CANCEL, { m: meetingId }, await stack.token(CHAIR, ["chair"]));
      expect(cancelled.cancelMeeting).toEqual({ meeting: { status: "CANCELLED" }, userErrors: [] });
      for (const token of [leaving, staying]) expect((await gql(CASE, { id: caseId }, token)).case).toBeNull();
      for (const [org, token] of [
        [LEAVING, leaving],
        [STAYING, staying],
      ] as const)
        expect((await gql(SHARED, { o: org }, token)).organization.sharedCases.nodes.map((n: { id: string }) => n.id)).not.toContain(
          caseId,
        );
      await live.until((s) => s.events.some((e) => e.sharedCasesChanged.caseId === caseId), 20_000);
      expect(live.events.filter((e) => e.sharedCasesChanged.caseId === caseId).map((e) => e.sharedCasesChanged.kind)).toEqual([
        "CASE_UNSHARED",
      ]);
    } finally {
      await live.stop();
    }
    // The case's manager still sees who was shown what, revoked, and nothing made again.
    const shown = await disclosuresOf(caseId);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.revokedAt).not.toBeNull();
    expect(shown[0]!.organizations.map((o) => o.code).sort()).toEqual([LEAVING, STAYING].sort());
  });

  it("records every member's departure once called off: what refuses a disclosure checked against the meeting before", async () => {
    const { meetingId } = await disclosedCase();
    const cancelled = await gql(CANCEL, { m: meetingId }, await stack.token(CHAIR, ["chair"]));
    expect(cancelled.cancelMeeting.userErrors).toEqual([]);
    // Told again after the call-off: each member (the chair's organisation, the lead and both others) has left.
    const departed = await stack.subgraphs
      .cases!.em.getConnection()
      .execute<{ organization_code: string }[]>(
        `select distinct organization_code from cases.meeting_departure where meeting_id = ? order by organization_code`,
        [meetingId],
      );
    expect(departed.map((r) => r.organization_code)).toEqual([CHAIR, LEAD, LEAVING, STAYING].sort());
  });

  it("is not called off, told CASES_UNAVAILABLE, while the cases subgraph cannot withdraw what it was shown", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const chair = await stack.token(CHAIR, ["chair"]);
    await stack.stopSubgraph("cases");
    try {
      const refused = await gql(CANCEL, { m: meetingId }, chair);
      expect(refused.cancelMeeting.userErrors).toEqual([{ code: "CASES_UNAVAILABLE" }]);
    } finally {
      await stack.startSubgraph("cases");
    }
    expect((await gql(`query ($m: ID!) { meeting(id: $m) { status } }`, { m: meetingId }, chair)).meeting.status).toBe("SCHEDULED");
    expect((await gql(CASE, { id: caseId }, await stack.token(STAYING, ["staff"]))).case).toMatchObject({ grounds: ["SUPPORT_MEETING"] });
    // Once it can be told, the call-off goes through and takes the disclosure with it.
    expect((await gql(CANCEL, { m: meetingId }, chair)).cancelMeeting.userErrors).toEqual([]);
    expect((await gql(CASE, { id: caseId }, await stack.token(STAYING, ["staff"]))).case).toBeNull();
  });

  it("opened in the moment it is being called off: goes ahead without what it was shown, which its managers may disclose again", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const chair = await stack.token(CHAIR, ["chair"]);
    // The opening waits on the meeting's row first; the call-off withdraws its disclosures, then waits behind it.
    const [started, cancelled] = await whileRowHeld(stack.subgraphs.meetings!.em, "meetings.meeting", meetingId, [
      () => gql(`mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m: meetingId }, chair),
      () => gql(CANCEL, { m: meetingId }, chair),
    ]);
    expect(started!.startMeeting.userErrors).toEqual([]);
    expect(cancelled!.cancelMeeting.userErrors).toEqual([{ code: "INVALID_MEETING_STATUS" }]);
    const staying = await stack.token(STAYING, ["staff"]);
    expect((await gql(CASE, { id: caseId }, staying)).case).toBeNull();
    // The meeting under way takes a disclosure again, and its member sees the case.
    const again = await gql(
      `mutation ($c: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${STAYING}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
      { c: caseId, m: meetingId },
    );
    expect(again.discloseToMeeting.userErrors).toEqual([]);
    expect((await gql(CASE, { id: caseId }, staying)).case).toMatchObject({ grounds: ["SUPPORT_MEETING"] });
  });

  it("withdraws nothing for a meeting that has opened: the cases subgraph refuses, and the call-off refuses itself", async () => {
    const { meetingId, caseId } = await disclosedCase();
    const chair = await stack.token(CHAIR, ["chair"]);
    expect(
      (await gql(`mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m: meetingId }, chair)).startMeeting
        .userErrors,
    ).toEqual([]);
    const withdraw = `mutation ($m: ID!) { withdrawCalledOffMeetingDisclosures(meetingId: $m) { withdrawn userErrors { code } } }`;
    const asChair = { sub: "chair-person", org: CHAIR, roles: ["chair"] };
    const direct = await post(
      stack.subgraphs.cases!.url,
      withdraw,
      { m: meetingId },
      signedHeaders("cases", asChair, TEST_SECRET, withdraw, { m: meetingId }),
    );
    expect(direct.data?.withdrawCalledOffMeetingDisclosures).toEqual({ withdrawn: null, userErrors: [{ code: "MEETING_OPENED" }] });
    expect((await gql(CANCEL, { m: meetingId }, chair)).cancelMeeting.userErrors).toEqual([{ code: "INVALID_MEETING_STATUS" }]);
    expect((await gql(CASE, { id: caseId }, await stack.token(STAYING, ["staff"]))).case).toMatchObject({ grounds: ["SUPPORT_MEETING"] });
    // Not in the public graph, and refused straight at the cases subgraph to a member that does not chair it.
    const viaGateway = await post(stack.gateway.url, withdraw, { m: meetingId }, bearer(chair));
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const lead = { sub: "lead-worker", org: LEAD, roles: ["staff"] };
    const asLead = await post(
      stack.subgraphs.cases!.url,
      withdraw,
      { m: meetingId },
      signedHeaders("cases", lead, TEST_SECRET, withdraw, { m: meetingId }),
    );
    expect(asLead.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
