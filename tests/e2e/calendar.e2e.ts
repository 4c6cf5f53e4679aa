import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { bearer, dataAs } from "../helpers/client.js";
import { sharedStack } from "../helpers/shared-stack.js";

const stack = await sharedStack();

const gql = (query: string, variables: Record<string, unknown>, token: string) => dataAs(stack.gateway.url, token, query, variables);
const origin = () => stack.gateway.url.replace(/\/graphql$/, "");

const CREATE = `mutation ($label: String!) { createCalendarFeed(label: $label) { feed { id label revokedAt } url userErrors { code message } } }`;
const REVOKE = `mutation ($id: ID!) { revokeCalendarFeed(id: $id) { feed { id revokedAt } userErrors { code message } } }`;

interface Event {
  uid: string;
  summary: string;
  location: string | null;
  description: string;
  start: Date;
  end: Date;
  /** The zone ical.js read the start in: "UTC" for a time with Z, "floating" for a time without. */
  zone: string;
  sequence: number;
  status: string;
}

/** Fetches a feed as text. */
async function feedText(url: string): Promise<string> {
  const res = await fetch(origin() + url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return res.text();
}

/** The raw lines of one event of a feed, as the file has them. */
function rawEvent(ics: string, uid: string): string[] {
  const block = ics.split("BEGIN:VEVENT").find((b) => b.includes(`UID:${uid}\r\n`));
  expect(block).toBeDefined();
  return block!.split("\r\n");
}

/** Hours and minutes of an instant on a Tokyo wall clock. */
const tokyoClock = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", dateStyle: "short", timeStyle: "short" }).format(d);

/** Fetches a feed and parses it with ical.js, as a calendar client would. */
async function events(url: string): Promise<Event[]> {
  const calendar = new ICAL.Component(ICAL.parse(await feedText(url)));
  return calendar.getAllSubcomponents("vevent").map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      location: e.location ?? null,
      description: e.description ?? "",
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      zone: e.startDate.zone.tzid,
      sequence: e.sequence,
      status: String(c.getFirstPropertyValue("status")),
    };
  });
}

async function schedule(token: string, input: Record<string, unknown>): Promise<string> {
  const d = await gql(
    `mutation ($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } userErrors { code } } }`,
    { i: input },
    token,
  );
  expect(d.scheduleMeeting.userErrors).toEqual([]);
  return d.scheduleMeeting.meeting.id;
}

describe("an organisation's calendar feed", () => {
  it("lists the meetings the organisation may see, a confidential one without its agenda, and follows a move", async () => {
    const chair = await stack.token("seikatsu-fukushi", ["chair"]);
    const confidential = await schedule(chair, {
      bodyCode: "support-meeting",
      title: "支援会議（5月）",
      startsAt: "2031-05-01T05:00:00Z",
      endsAt: "2031-05-01T06:00:00Z",
      place: "本庁舎 第1会議室",
      memberCodes: ["nozei"],
    });
    await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: confidential }, chair);
    await gql(
      `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
      { i: { meetingId: confidential, kind: "TOPIC", title: "非公開の議題です" } },
      chair,
    );
    const elsewhere = await schedule(chair, {
      bodyCode: "support-meeting",
      title: "納税課のいない支援会議",
      startsAt: "2031-05-02T05:00:00Z",
      memberCodes: ["kaigo-hoken"],
    });
    const council = await schedule(await stack.token("fukushi-suishin-bu", ["chair"]), {
      bodyCode: "marugoto-council",
      title: "福祉まるごと会議（6月）",
      startsAt: "2031-06-03T01:00:00Z",
      place: "本庁舎 講堂",
    });
    await gql(
      `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
      { i: { meetingId: council, kind: "TOPIC", title: "ひきこもり支援の新たな仕組み" } },
      await stack.token("fukushi-suishin-bu", ["chair"]),
    );

    const created = (await gql(CREATE, { label: "納税課の会議予定" }, await stack.token("nozei"))).createCalendarFeed;
    expect(created.userErrors).toEqual([]);
    expect(created.url).toMatch(/^\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);

    const first = await events(created.url);
    const ev = (id: string) => first.find((e) => e.uid === `${id}@marugoto-graph`);
    expect(ev(elsewhere)).toBeUndefined();
    expect(ev(confidential)).toMatchObject({
      summary: "支援会議（5月）（支援会議）",
      location: "本庁舎 第1会議室",
      start: new Date("2031-05-01T05:00:00Z"),
      end: new Date("2031-05-01T06:00:00Z"),
      zone: "UTC",
      status: "CONFIRMED",
    });
    expect(ev(confidential)!.description).toContain("非公開の会議です");
    expect(ev(confidential)!.description).not.toContain("非公開の議題です");
    expect(ev(council)).toMatchObject({ summary: "福祉まるごと会議（6月）（福祉まるごと会議）", location: "本庁舎 講堂" });
    expect(ev(council)!.description).toContain("1. ひきこもり支援の新たな仕組み");

    // Two changes within a second: each one moves the SEQUENCE on, so a client takes the last.
    const RESCHEDULE = `mutation ($i: RescheduleMeetingInput!) { rescheduleMeeting(input: $i) { userErrors { code } } }`;
    const moved = await gql(
      RESCHEDULE,
      { i: { meetingId: confidential, startsAt: "2031-05-08T05:00:00Z", endsAt: "2031-05-08T06:00:00Z", place: "本庁舎 第3会議室" } },
      chair,
    );
    expect(moved.rescheduleMeeting.userErrors).toEqual([]);
    const between = (await events(created.url)).find((e) => e.uid === `${confidential}@marugoto-graph`)!;
    const again = await gql(
      RESCHEDULE,
      { i: { meetingId: confidential, startsAt: "2031-05-08T05:00:00Z", endsAt: "2031-05-08T06:00:00Z", place: "本庁舎 第2会議室" } },
      chair,
    );
    expect(again.rescheduleMeeting.userErrors).toEqual([]);
    const after = (await events(created.url)).find((e) => e.uid === `${confidential}@marugoto-graph`)!;
    expect(between).toMatchObject({ start: new Date("2031-05-08T05:00:00Z"), location: "本庁舎 第3会議室" });
    expect(after).toMatchObject({ start: new Date("2031-05-08T05:00:00Z"), location: "本庁舎 第2会議室" });
    // A counter, not a clock: scheduled 0, the agenda item 1, each move one more.
    expect([ev(confidential)!.sequence, between.sequence, after.sequence]).toEqual([1, 2, 3]);
  });

  it("writes times in UTC (with Z), so a 14:00 meeting in Tokyo is at 14:00 in Tokyo whatever the server's time zone", async () => {
    const chair = await stack.token("seikatsu-fukushi", ["chair"]);
    const meetingId = await schedule(chair, {
      bodyCode: "support-meeting",
      title: "時刻の確認",
      startsAt: "2031-05-01T05:00:00Z", // 14:00 in Tokyo
      endsAt: "2031-05-01T06:30:00Z",
      memberCodes: ["nozei"],
    });
    const url = (await gql(CREATE, { label: "時刻の確認" }, await stack.token("nozei"))).createCalendarFeed.url as string;
    // The feed is made in this process (the stack runs here): on a server in New York.
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    let ics: string;
    try {
      expect(new Date("2031-05-01T05:00:00Z").getHours()).toBe(1); // the zone did change
      ics = await feedText(url);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const lines = rawEvent(ics, `${meetingId}@marugoto-graph`);
    expect(lines).toContain("DTSTART:20310501T050000Z");
    expect(lines).toContain("DTEND:20310501T063000Z");
    expect(lines.filter((l) => l.startsWith("DTSTAMP"))).toEqual([expect.stringMatching(/^DTSTAMP:\d{8}T\d{6}Z$/)]);
    expect(ics).not.toMatch(/^(DTSTART|DTEND|DTSTAMP|CREATED|LAST-MODIFIED)(;[^:]*)?:\d{8}T\d{6}\r$/m); // no floating time anywhere
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics))
        .getAllSubcomponents("vevent")
        .find((c) => c.getFirstPropertyValue("uid") === `${meetingId}@marugoto-graph`)!,
    );
    expect(event.startDate.zone.tzid).toBe("UTC");
    expect(tokyoClock(event.startDate.toJSDate())).toBe("01/05/2031, 14:00");
    expect(tokyoClock(event.endDate.toJSDate())).toBe("01/05/2031, 15:30");
  });

  it("marks a cancelled meeting CANCELLED with a higher SEQUENCE; a cancelled meeting takes no more changes and is not counted as held", async () => {
    const chair = await stack.token("seikatsu-fukushi", ["chair"]);
    const meetingId = await schedule(chair, {
      bodyCode: "support-meeting",
      title: "中止になる支援会議",
      startsAt: "2031-07-01T05:00:00Z",
      memberCodes: ["nozei"],
    });
    const feed = (await gql(CREATE, { label: "中止の確認" }, await stack.token("nozei"))).createCalendarFeed.url as string;
    const before = (await events(feed)).find((e) => e.uid === `${meetingId}@marugoto-graph`)!;
    expect(before.status).toBe("CONFIRMED");

    // Only the chair's organisation calls a meeting off.
    const CANCEL = `mutation ($id: ID!) { cancelMeeting(meetingId: $id) { meeting { status } userErrors { code message } } }`;
    const refused = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(await stack.token("nozei", ["chair"])) },
      body: JSON.stringify({ query: CANCEL, variables: { id: meetingId } }),
    });
    expect(((await refused.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code).toBe("FORBIDDEN");

    const cancelled = (await gql(CANCEL, { id: meetingId }, chair)).cancelMeeting;
    expect(cancelled).toEqual({ meeting: { status: "CANCELLED" }, userErrors: [] });
    const after = (await events(feed)).find((e) => e.uid === `${meetingId}@marugoto-graph`)!;
    expect(after.status).toBe("CANCELLED");
    expect(after.summary).toBe("【中止】中止になる支援会議（支援会議）");
    expect(after.sequence).toBeGreaterThan(before.sequence);

    expect((await gql(CANCEL, { id: meetingId }, chair)).cancelMeeting.userErrors.map((e: { code: string }) => e.code)).toEqual([
      "MEETING_CANCELLED",
    ]);
    const moved = await gql(
      `mutation ($i: RescheduleMeetingInput!) { rescheduleMeeting(input: $i) { userErrors { code } } }`,
      { i: { meetingId, startsAt: "2031-07-02T05:00:00Z" } },
      chair,
    );
    expect(moved.rescheduleMeeting.userErrors.map((e: { code: string }) => e.code)).toEqual(["MEETING_CANCELLED"]);
    const started = await gql(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
    expect(started.startMeeting.userErrors.map((e: { code: string }) => e.code)).toEqual(["MEETING_CANCELLED"]);
    const held = (await gql(`{ fiscalYearReport(fiscalYear: 2031) { meetingsHeld { kind held { value } } } }`, {}, chair)).fiscalYearReport
      .meetingsHeld;
    expect(held.find((m: { kind: string }) => m.kind === "SUPPORT_MEETING").held.value).toBe(0);
  });

  it("stores only a hash of the token; another organisation cannot stop the feed; once stopped its URL is refused", async () => {
    const nozei = await stack.token("nozei");
    const created = (await gql(CREATE, { label: "停止の確認" }, nozei)).createCalendarFeed;
    const token = /\/calendars\/(.+)\.ics$/.exec(created.url)![1]!;
    const rows = await stack.sql<Record<string, unknown>>(`select * from meetings.calendar_feed where id = $1`, [created.feed.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);

    const other = (await gql(REVOKE, { id: created.feed.id }, await stack.token("koho"))).revokeCalendarFeed;
    expect(other).toEqual({ feed: null, userErrors: [{ code: "NOT_FOUND", message: expect.any(String) }] });
    expect((await gql(`{ calendarFeeds { id } }`, {}, await stack.token("koho"))).calendarFeeds).toEqual([]);
    expect((await fetch(origin() + created.url)).status).toBe(200);

    const revoked = (await gql(REVOKE, { id: created.feed.id }, nozei)).revokeCalendarFeed;
    expect(revoked.userErrors).toEqual([]);
    expect(revoked.feed.revokedAt).not.toBeNull();
    const refused = await fetch(origin() + created.url);
    expect(refused.status).toBe(404);
    expect((await fetch(`${origin()}/calendars/${"x".repeat(43)}.ics`)).status).toBe(404);
    expect((await gql(REVOKE, { id: created.feed.id }, nozei)).revokeCalendarFeed.userErrors.map((e: { code: string }) => e.code)).toEqual([
      "ALREADY_REVOKED",
    ]);
    expect((await gql(CREATE, { label: " " }, nozei)).createCalendarFeed.userErrors.map((e: { code: string }) => e.code)).toEqual([
      "INVALID_LABEL",
    ]);
  });
});
