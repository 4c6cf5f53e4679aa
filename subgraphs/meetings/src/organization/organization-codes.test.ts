import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const CHAIR = ["fukushi-suishin-bu", ["chair"]] as const;
const call = (query: string, variables: Record<string, unknown>) => sg.query(query, variables, CHAIR[0], [...CHAIR[1]]);
const ERRORS = `userErrors { code message field }`;

const outbox = async () =>
  Number((await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from meetings.outbox_event`))[0]!.n);

describe("organisation codes a meetings mutation takes", () => {
  it("are refused with UNKNOWN_ORGANIZATION, naming the field in Japanese, when the directory has no such organisation", async () => {
    const meetingId = (
      await call(
        `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "組織コード", startsAt: "2030-07-01T05:00:00Z" }) { meeting { id } } }`,
        {},
      )
    ).data!.scheduleMeeting.meeting.id as string;
    const added = await call(
      `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: REPORT, title: "報告", presenterCode: "nozei" }) { item { id } } }`,
      { m: meetingId },
    );
    expect(added.errors).toBeUndefined();
    const itemId = added.data!.addAgendaItem.item.id as string;
    const actionId = (
      await call(
        `mutation ($i: ID!) { createActionItem(input: { itemId: $i, title: "案内", assigneeCode: "kokuho" }) { actionItem { id } } }`,
        { i: itemId },
      )
    ).data!.createActionItem.actionItem.id as string;
    const before = await outbox();

    // The field is a path: a code in a list is named with its position.
    const refusals: [string, Record<string, unknown>, string[], string, string][] = [
      [
        `mutation ($m: ID!) { r: addAgendaItem(input: { meetingId: $m, kind: TOPIC, title: "x", presenterCode: "no-such-org" }) { item { id } ${ERRORS} } }`,
        { m: meetingId },
        ["presenterCode"],
        "報告者",
        "item",
      ],
      [
        `mutation ($i: ID!) { r: updateAgendaItem(input: { itemId: $i, presenterCode: "no-such-org" }) { item { id } ${ERRORS} } }`,
        { i: itemId },
        ["presenterCode"],
        "報告者",
        "item",
      ],
      [
        `mutation ($i: ID!) { r: createActionItem(input: { itemId: $i, title: "x", assigneeCode: "no-such-org" }) { actionItem { id } ${ERRORS} } }`,
        { i: itemId },
        ["assigneeCode"],
        "担当組織",
        "actionItem",
      ],
      [
        `mutation ($a: ID!) { r: reassignActionItem(id: $a, assigneeCode: "no-such-org") { actionItem { id } ${ERRORS} } }`,
        { a: actionId },
        ["assigneeCode"],
        "担当組織",
        "actionItem",
      ],
      [
        `mutation ($m: ID!) { r: addMeetingMember(meetingId: $m, organizationCode: "no-such-org") { meeting { id } ${ERRORS} } }`,
        { m: meetingId },
        ["organizationCode"],
        "構成員",
        "meeting",
      ],
      [
        `mutation { r: scheduleMeeting(input: { bodyCode: "marugoto-council", title: "x", startsAt: "2030-07-01T05:00:00Z", memberCodes: ["nozei", "no-such-org"] }) { meeting { id } ${ERRORS} } }`,
        {},
        ["memberCodes", "1"],
        "構成員",
        "meeting",
      ],
    ];
    for (const [query, variables, field, label, result] of refusals) {
      const res = await call(query, variables);
      expect(res.errors).toBeUndefined();
      expect(res.data!.r[result]).toBeNull();
      expect(res.data!.r.userErrors).toHaveLength(1);
      const [error] = res.data!.r.userErrors;
      expect(error).toMatchObject({ code: "UNKNOWN_ORGANIZATION", field });
      expect(error.message).toContain(label);
      expect(error.message).toContain("no-such-org");
    }
    expect(await outbox()).toBe(before);

    // Codes the directory has (here a district council, generated from a count) are taken.
    const ok = await call(
      `mutation ($m: ID!) { r: addMeetingMember(meetingId: $m, organizationCode: "district-council-07") { ${ERRORS} } }`,
      { m: meetingId },
    );
    expect(ok.data!.r.userErrors).toEqual([]);
  });

  it("stored before the check, resolve to null instead of failing the read", async () => {
    const meetingId = (
      await call(
        `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "古い行", startsAt: "2030-07-02T05:00:00Z" }) { meeting { id } } }`,
        {},
      )
    ).data!.scheduleMeeting.meeting.id as string;
    const added = await call(
      `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: REPORT, title: "報告", presenterCode: "nozei" }) { item { id } } }`,
      { m: meetingId },
    );
    expect(added.errors).toBeUndefined();
    const itemId = added.data!.addAgendaItem.item.id as string;
    await call(
      `mutation ($i: ID!) { createActionItem(input: { itemId: $i, title: "案内", assigneeCode: "kokuho" }) { actionItem { id } } }`,
      { i: itemId },
    );
    const em = sg.running.em.fork();
    await em.execute(`update meetings.agenda_item set presenter_code = 'gone-org' where id = ?`, [itemId]);
    await em.execute(`update meetings.action_item set assignee_code = 'gone-org' where item_id = ?`, [itemId]);
    await em.execute(
      `insert into meetings.meeting_member (id, meeting_id, organization_code, role, attendance, position) values (gen_random_uuid(), ?, 'gone-org', 'MEMBER', 'UNKNOWN', 99)`,
      [meetingId],
    );

    const res = await call(
      `query ($m: ID!) { meeting(id: $m) { members { organization { code } } agenda { presenter { code } actionItems { assignee { code } } } } }`,
      { m: meetingId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.meeting.agenda).toEqual([{ presenter: null, actionItems: [{ assignee: null }] }]);
    expect(res.data!.meeting.members.at(-1)).toEqual({ organization: null });
  });
});
