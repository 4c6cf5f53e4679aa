import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whileLockHeld, whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";
import { CalendarService, FEEDS_LOCK_SQL } from "./calendar.service.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const CREATE = `mutation ($l: String!) { createCalendarFeed(label: $l) { feed { id } userErrors { code } } }`;
const REVOKE = `mutation ($id: ID!) { revokeCalendarFeed(id: $id) { feed { id } userErrors { code } } }`;
type Answer = { data?: Record<string, { feed: { id: string } | null; userErrors: { code: string }[] }> };
const codes = (answers: Answer[], field: string) => answers.map((a) => a.data![field]!.userErrors.map((e) => e.code));
const active = async (org: string) =>
  Number(
    (
      await sg.running.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) as n from meetings.calendar_feed where organization_code = ? and revoked_at is null`, [
          org,
        ])
    )[0]!.n,
  );

describe("calendar feeds made or stopped at once", () => {
  it("keep to 20 active feeds an organisation: of two made at once for the last place, one is refused", async () => {
    const org = "koho";
    for (let i = 0; i < 19; i++) expect((await sg.query(CREATE, { l: `配信${i}` }, org)).data!.createCalendarFeed.userErrors).toEqual([]);
    const make = (l: string) => () => sg.query(CREATE, { l }, org) as Promise<Answer>;
    // Both begin (and would count 19) before either can finish.
    const answers = await whileLockHeld(sg.running.em, FEEDS_LOCK_SQL, [org], [make("二十件目A"), make("二十件目B")]);
    expect(codes(answers, "createCalendarFeed")).toEqual([[], ["TOO_MANY_FEEDS"]]);
    expect(await active(org)).toBe(20);
  });

  it("stop once: the second of two stops at once is told the feed is already stopped, and the first stopper is kept", async () => {
    const org = "nozei";
    const id = (await sg.query(CREATE, { l: "納税課" }, org)).data!.createCalendarFeed.feed.id as string;
    const stop = (sub: string) => () => sg.query(REVOKE, { id }, org, ["staff"], sub) as Promise<Answer>;
    const answers = await whileRowHeld(sg.running.em, "meetings.calendar_feed", id, [stop("first-stopper"), stop("second-stopper")]);
    expect(codes(answers, "revokeCalendarFeed")).toEqual([[], ["ALREADY_REVOKED"]]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ revoked_by: string }[]>(`select revoked_by from meetings.calendar_feed where id = ?`, [id]);
    expect(row!.revoked_by).toBe("first-stopper");
  });
});

describe("which meetings a feed holds", () => {
  const DAY = 86_400_000;
  const feedToken = async (org: string) => {
    const made = await sg.query(`mutation ($l: String!) { createCalendarFeed(label: $l) { url } }`, { l: "範囲の確認" }, org);
    return /\/calendars\/(.+)\.ics$/.exec(made.data!.createCalendarFeed.url as string)![1]!;
  };
  /** Public meetings of the council written straight to the table, one per title, so many days from `now`. */
  const meetingsAt = async (now: Date, days: Record<string, number>) => {
    for (const [title, d] of Object.entries(days))
      await sg.running.em.fork().execute(
        `insert into meetings.meeting (id, body_id, title, starts_at, confidential, status, sequence, created_at, updated_at)
         select gen_random_uuid(), id, ?, ?, false, 'SCHEDULED', 0, now(), now() from meetings.meeting_body where code = 'marugoto-council'`,
        [title, new Date(now.getTime() + d * DAY)],
      );
  };
  const summaries = (ics: string | null) => [...ics!.matchAll(/^SUMMARY:(.+?)（/gm)].map((m) => m[1]);
  const feed = (token: string, now: Date, maxEvents?: number) =>
    new CalendarService(sg.running.em.fork(), { sub: "feed", org: "feed", roles: [] }).ics(token, { now, maxEvents });

  // Each test's clock is years from the seed's meetings and from the other's, so only its own meetings fall in its window.
  it("reaches 180 days back and no further", async () => {
    const now = new Date("2045-06-01T00:00:00Z");
    await meetingsAt(now, { 窓の外: -181, 窓の端: -179, 窓の先: 30 });
    expect(summaries(await feed(await feedToken("kaigo-hoken"), now))).toEqual(["窓の端", "窓の先"]);
  });

  it("past its cap leaves out the oldest past meetings first, then the farthest upcoming ones", async () => {
    const now = new Date("2050-06-01T00:00:00Z");
    await meetingsAt(now, { 古い過去: -100, 中の過去: -50, 直近の過去: -1, 次回: 1, 次々回: 60 });
    const token = await feedToken("kaigo-hoken");
    expect(summaries(await feed(token, now))).toEqual(["古い過去", "中の過去", "直近の過去", "次回", "次々回"]);
    expect(summaries(await feed(token, now, 3))).toEqual(["直近の過去", "次回", "次々回"]);
    expect(summaries(await feed(token, now, 2))).toEqual(["次回", "次々回"]);
    // A cap smaller than what is coming keeps the soonest: the feed never grows past its cap.
    expect(summaries(await feed(token, now, 1))).toEqual(["次回"]);
  });

  it("drops a meeting the organisation was removed from", async () => {
    const now = new Date();
    const chair = (q: string, v: Record<string, unknown>) => sg.query(q, v, "seikatsu-fukushi", ["chair"]);
    const scheduled = await chair(
      `mutation ($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } userErrors { code } } }`,
      { i: { bodyCode: "support-meeting", title: "外される支援会議", startsAt: "2031-09-01T05:00:00Z", memberCodes: ["hatarakiyasusa"] } },
    );
    const meetingId = scheduled.data!.scheduleMeeting.meeting.id as string;
    const token = await feedToken("hatarakiyasusa");
    expect(summaries(await feed(token, now))).toContain("外される支援会議");

    const removed = await chair(
      `mutation ($m: ID!, $o: String!) { removeMeetingMember(meetingId: $m, organizationCode: $o) { userErrors { code } } }`,
      { m: meetingId, o: "hatarakiyasusa" },
    );
    expect(removed.data!.removeMeetingMember.userErrors).toEqual([]);
    expect(summaries(await feed(token, now))).not.toContain("外される支援会議");
    // Still in the feed of an organisation that sits on it: the meeting itself is not gone.
    expect(summaries(await feed(await feedToken("seikatsu-fukushi"), now))).toContain("外される支援会議");
  });
});
