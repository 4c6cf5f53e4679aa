import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const CHAIR = ["fukushi-suishin-bu", ["chair"]] as const;
const call = (query: string, variables: Record<string, unknown>, who: readonly [string, readonly string[]] = CHAIR) =>
  sg.query(query, variables, who[0], [...who[1]]);

const ADD = `mutation ($m: ID!, $title: String!, $presenter: String, $key: String) {
  addAgendaItem(input: { meetingId: $m, kind: TOPIC, title: $title, presenterCode: $presenter }, idempotencyKey: $key) { item { id title } userErrors { code field } }
}`;
const ADVANCE = `mutation ($m: ID!, $key: String) { advanceAgenda(meetingId: $m, idempotencyKey: $key) { meeting { currentItem { id } } userErrors { code } } }`;

async function schedule(title: string, bodyCode = "marugoto-council", who: readonly [string, readonly string[]] = CHAIR): Promise<string> {
  const res = await call(
    `mutation ($t: String!, $b: String!) { scheduleMeeting(input: { bodyCode: $b, title: $t, startsAt: "2030-08-01T05:00:00Z" }) { meeting { id } } }`,
    { t: title, b: bodyCode },
    who,
  );
  return res.data!.scheduleMeeting.meeting.id;
}
const events = async (meetingId: string) =>
  Number(
    (
      await sg.running.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) as n from meetings.outbox_event where topic = ?`, [`agenda:${meetingId}`])
    )[0]!.n,
  );
const items = async (meetingId: string) =>
  Number(
    (
      await sg.running.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) as n from meetings.agenda_item where meeting_id = ?`, [meetingId])
    )[0]!.n,
  );

describe("idempotency keys on meetings mutations", () => {
  it("applies a retried addAgendaItem once, with one event, and answers the retry with the same item", async () => {
    const m = await schedule("冪等");
    const first = await call(ADD, { m, title: "議題", key: "retry-1" });
    const again = await call(ADD, { m, title: "議題", key: "retry-1" });
    expect(first.data!.addAgendaItem.userErrors).toEqual([]);
    expect(again.data!.addAgendaItem).toEqual(first.data!.addAgendaItem);
    expect(await items(m)).toBe(1);
    expect(await events(m)).toBe(1);
  });

  it("applies once when the same key arrives twice at the same time", async () => {
    const m = await schedule("同時の再送");
    for (const title of ["一", "二", "三"]) await call(ADD, { m, title });
    await call(`mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m });
    const before = await events(m);
    const [a, b] = await Promise.all([call(ADVANCE, { m, key: "next-1" }), call(ADVANCE, { m, key: "next-1" })]);
    expect(a.data!.advanceAgenda.userErrors).toEqual([]);
    expect(b.data!.advanceAgenda).toEqual(a.data!.advanceAgenda);
    expect(await events(m)).toBe(before + 1);
    const [done] = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from meetings.agenda_item where meeting_id = ? and status = 'DONE'`, [m]);
    expect(Number(done!.n)).toBe(1); // advanced by one item, not two
    // Without a key, a second advance is a second change.
    await call(ADVANCE, { m });
    expect(await events(m)).toBe(before + 2);
  });

  it("refuses a key reused for other arguments, and a refused mutation does not use its key up", async () => {
    const m = await schedule("キーの再利用");
    await call(ADD, { m, title: "最初", key: "k-2" });
    const reused = await call(ADD, { m, title: "別の議題", key: "k-2" });
    expect(reused.data!.addAgendaItem).toEqual({ item: null, userErrors: [{ code: "IDEMPOTENCY_KEY_REUSED", field: ["idempotencyKey"] }] });
    expect(await items(m)).toBe(1);

    const refused = await call(ADD, { m, title: "報告", presenter: "no-such-org", key: "k-3" });
    expect(refused.data!.addAgendaItem.userErrors[0].code).toBe("UNKNOWN_ORGANIZATION");
    const fixed = await call(ADD, { m, title: "報告", presenter: "nozei", key: "k-3" });
    expect(fixed.data!.addAgendaItem.userErrors).toEqual([]);
    expect(await items(m)).toBe(2);
  });

  it("keys on the caller's whole scope: the same person's key under other roles is refused, not answered as applied", async () => {
    const m = await schedule("範囲の違う再送");
    const asChair = await sg.query(ADD, { m, title: "議題", key: "scope-1" }, "fukushi-suishin-bu", ["chair"], "same-person");
    expect(asChair.data!.addAgendaItem.userErrors).toEqual([]);
    const asStaff = await sg.query(ADD, { m, title: "議題", key: "scope-1" }, "fukushi-suishin-bu", ["staff"], "same-person");
    expect(asStaff.data!.addAgendaItem).toEqual({
      item: null,
      userErrors: [{ code: "IDEMPOTENCY_KEY_REUSED", field: ["idempotencyKey"] }],
    });
    expect(await items(m)).toBe(1);
  });

  it("keeps keys per caller: another person's same key is their own", async () => {
    const SUPPORT_CHAIR = ["seikatsu-fukushi", ["chair"]] as const;
    const mine = await schedule("私の会議");
    const theirs = await schedule("支援会議", "support-meeting", SUPPORT_CHAIR);
    await call(ADD, { m: mine, title: "議題", key: "shared-key" });
    const other = await call(ADD, { m: theirs, title: "議題", key: "shared-key" }, SUPPORT_CHAIR);
    expect(other.data!.addAgendaItem.userErrors).toEqual([]);
    expect(await items(theirs)).toBe(1);
  });

  it("applies retried minutes once: a retried approval answers as the first did instead of MINUTES_LOCKED", async () => {
    const m = await schedule("議事録の再送");
    const DRAFT = `mutation ($m: ID!, $key: String) { draftMinutes(meetingId: $m, content: "確認した。", idempotencyKey: $key) { minutes { status content } userErrors { code } } }`;
    const APPROVE = `mutation ($m: ID!, $key: String) { approveMinutes(meetingId: $m, idempotencyKey: $key) { minutes { status } userErrors { code } } }`;
    const before = await events(m);
    const drafted = await call(DRAFT, { m, key: "draft-1" });
    expect(await call(DRAFT, { m, key: "draft-1" })).toEqual(drafted);
    expect(await events(m)).toBe(before + 1);
    await call(`mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m });
    await call(`mutation ($m: ID!) { closeMeeting(meetingId: $m) { userErrors { code } } }`, { m });
    const closed = await events(m);
    const approved = await call(APPROVE, { m, key: "approve-1" });
    expect(approved.data!.approveMinutes).toEqual({ minutes: { status: "APPROVED" }, userErrors: [] });
    expect((await call(APPROVE, { m, key: "approve-1" })).data!.approveMinutes).toEqual(approved.data!.approveMinutes);
    expect(await events(m)).toBe(closed + 1);
    // Without the key, the retry is a second attempt, and the rule refuses it.
    expect((await call(APPROVE, { m })).data!.approveMinutes.userErrors).toEqual([{ code: "MINUTES_LOCKED" }]);
  });

  it("raises a retried topic once", async () => {
    const SUPPORT_CHAIR = ["seikatsu-fukushi", ["chair"]] as const;
    const m = await schedule("課題の提起", "support-meeting", SUPPORT_CHAIR);
    const RAISE = `mutation ($i: RaiseTopicInput!, $key: String) { raiseTopic(input: $i, idempotencyKey: $key) { topic { id title } userErrors { code } } }`;
    const input = {
      meetingId: m,
      targetBodyCode: "marugoto-council",
      category: "就労",
      title: "就労体験の受け入れ先不足（再送）",
      description: "中高年の参加支援先が足りない",
    };
    const first = await call(RAISE, { i: input, key: "topic-1" }, SUPPORT_CHAIR);
    expect(first.data!.raiseTopic.userErrors).toEqual([]);
    expect(await call(RAISE, { i: input, key: "topic-1" }, SUPPORT_CHAIR)).toEqual(first);
    const [row] = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from meetings.topic where title = ?`, [input.title]);
    expect(Number(row!.n)).toBe(1);
  });

  it("makes one calendar feed for a retried createCalendarFeed (the retry shows no URL) and revokes it once", async () => {
    const CREATE = `mutation ($key: String) { createCalendarFeed(label: "再送の配信", idempotencyKey: $key) { feed { id label } url userErrors { code } } }`;
    const REVOKE = `mutation ($id: ID!, $key: String) { revokeCalendarFeed(id: $id, idempotencyKey: $key) { feed { id revokedAt } userErrors { code } } }`;
    const feeds = async () =>
      Number(
        (
          await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from meetings.calendar_feed where label = '再送の配信'`)
        )[0]!.n,
      );
    const first = await call(CREATE, { key: "feed-1" });
    expect(first.data!.createCalendarFeed.url).toMatch(/^\/calendars\/.+\.ics$/);
    const again = await call(CREATE, { key: "feed-1" });
    expect(again.data!.createCalendarFeed).toEqual({ ...first.data!.createCalendarFeed, url: null });
    expect(await feeds()).toBe(1);
    const id = first.data!.createCalendarFeed.feed.id;
    const revoked = await call(REVOKE, { id, key: "revoke-1" });
    expect(revoked.data!.revokeCalendarFeed.userErrors).toEqual([]);
    expect(await call(REVOKE, { id, key: "revoke-1" })).toEqual(revoked);
    expect((await call(REVOKE, { id })).data!.revokeCalendarFeed.userErrors).toEqual([{ code: "ALREADY_REVOKED" }]);
  });

  it("forgets a key after the retention: a retry that late applies again", async () => {
    const m = await schedule("期限切れのキー");
    await call(ADD, { m, title: "議題", key: "old-key" });
    await sg.running.em.fork().execute(`update meetings.idempotency_key set created_at = now() - interval '8 days' where key = 'old-key'`);
    const late = await call(ADD, { m, title: "議題", key: "old-key" });
    expect(late.data!.addAgendaItem.userErrors).toEqual([]);
    expect(await items(m)).toBe(2);
    const [kept] = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from meetings.idempotency_key where key = 'old-key'`);
    expect(Number(kept!.n)).toBe(1);
  });
});
