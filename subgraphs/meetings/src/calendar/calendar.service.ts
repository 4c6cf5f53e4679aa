import { createHash, randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from "ical-generator";
import { isUuid, lockRow, RuleViolation, type Identity } from "@marugoto/shared";
import { SCHEMA } from "../events/meeting-events.js";
import { AgendaItemEntity } from "../agenda/agenda-item.entity.js";
import { MeetingEntity, MeetingMemberEntity } from "../meeting/meeting.entity.js";
import { CalendarFeedEntity, type CalendarFeed } from "./calendar-feed.entity.js";

/** Where the gateway serves feeds. */
const CALENDARS_PATH = "/calendars/";
/** Active feeds one organisation may hold. */
const FEEDS_PER_ORGANIZATION = 20;

/**
 * The lock a new feed of `organizationCode` takes before it counts the active ones (a transaction
 * lock, in a key space of its own: the two-key form): of feeds made at once, each counts those made
 * before it, so the limit holds.
 */
export const FEEDS_LOCK_SQL = `select pg_advisory_xact_lock(hashtext('meetings.calendar_feed'), hashtext(?))`;
/** How far back a feed reaches: a calendar needs what is coming and what has just been. */
const PAST_DAYS = 180;
/**
 * Most events a feed holds, so a feed stays a size a calendar client takes. Past the cap the oldest
 * past meetings are left out first: what is coming is what a calendar is for, so every upcoming
 * meeting stays in.
 */
const MAX_EVENTS = 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Calendar feeds of the caller's organisation, and the feeds themselves as iCalendar. */
export class CalendarService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  feeds(): Promise<CalendarFeed[]> {
    return this.em.find(CalendarFeedEntity, { organizationCode: this.identity.org }, { orderBy: { createdAt: "desc" } });
  }

  /** One feed of the caller's organisation; null for another organisation's or none. */
  find(id: string): Promise<CalendarFeed | null> {
    return isUuid(id) ? this.em.findOne(CalendarFeedEntity, { id, organizationCode: this.identity.org }) : Promise.resolve(null);
  }

  /** A new feed for the caller's organisation; its URL (with the token) is returned once and the token never stored. */
  async create(tx: EntityManager, label: string): Promise<{ feed: CalendarFeed; url: string }> {
    const name = label.trim();
    if (!name || name.length > 100) throw new RuleViolation("INVALID_LABEL", "名前は1〜100文字で入力してください。", ["label"]);
    await tx.execute(FEEDS_LOCK_SQL, [this.identity.org]);
    const active = await tx.count(CalendarFeedEntity, { organizationCode: this.identity.org, revokedAt: null });
    if (active >= FEEDS_PER_ORGANIZATION) {
      throw new RuleViolation(
        "TOO_MANY_FEEDS",
        `有効なカレンダー配信は1団体${FEEDS_PER_ORGANIZATION}件までです。使わないものを停止してください。`,
      );
    }
    const token = randomBytes(32).toString("base64url");
    const feed = tx.create(CalendarFeedEntity, {
      organizationCode: this.identity.org,
      tokenHash: hashToken(token),
      label: name,
      createdBy: this.identity.sub,
      revokedAt: null,
      revokedBy: null,
    });
    await tx.flush();
    return { feed, url: `${CALENDARS_PATH}${token}.ics` };
  }

  /** Revokes a feed of the caller's organisation; another organisation's is not found. */
  async revoke(tx: EntityManager, id: string): Promise<CalendarFeed> {
    // Locked and read afresh: of two revocations at once the second sees the first (ALREADY_REVOKED), its revoker kept.
    if (isUuid(id)) await lockRow(tx, SCHEMA, "calendar_feed", id);
    const feed = isUuid(id) ? await tx.findOne(CalendarFeedEntity, { id, organizationCode: this.identity.org }, { refresh: true }) : null;
    if (!feed) throw new RuleViolation("NOT_FOUND", "カレンダー配信が見つかりません。", ["id"]);
    if (feed.revokedAt) throw new RuleViolation("ALREADY_REVOKED", "このカレンダー配信はすでに停止されています。", ["id"]);
    feed.revokedAt = new Date();
    feed.revokedBy = this.identity.sub;
    await tx.flush();
    return feed;
  }

  /**
   * The feed of a token as iCalendar, or null for an unknown or revoked token. It shows the meetings
   * the feed's organisation may see (public ones and those it is a member of), never a case: a
   * confidential meeting's description holds no agenda.
   */
  async ics(token: string, { now = new Date(), maxEvents = MAX_EVENTS }: { now?: Date; maxEvents?: number } = {}): Promise<string | null> {
    if (!token || token.length > 200) return null;
    const feed = await this.em.findOne(CalendarFeedEntity, { tokenHash: hashToken(token), revokedAt: null });
    if (!feed) return null;
    const mine = await this.em.find(MeetingMemberEntity, { organizationCode: feed.organizationCode }, { fields: ["meeting"] });
    const visible = { $or: [{ confidential: false }, { id: { $in: mine.map((m) => m.meeting.id) } }] };
    const from = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    // The upcoming meetings soonest first, then the past ones newest first into the room the cap leaves:
    // a busy half-year behind must not push out what is coming, and no schedule however long (or
    // mistaken) makes a feed, or its agenda read, grow past the cap.
    const upcoming = await this.em.find(
      MeetingEntity,
      { $and: [visible, { startsAt: { $gte: now } }] },
      { populate: ["body"], orderBy: { startsAt: "asc", id: "asc" }, limit: maxEvents },
    );
    const room = maxEvents - upcoming.length;
    const past =
      room > 0
        ? await this.em.find(
            MeetingEntity,
            { $and: [visible, { startsAt: { $gte: from, $lt: now } }] },
            { populate: ["body"], orderBy: { startsAt: "desc", id: "desc" }, limit: room },
          )
        : [];
    const meetings = [...past.reverse(), ...upcoming];
    const open = meetings.filter((m) => !m.confidential).map((m) => m.id);
    const items = open.length
      ? await this.em.find(AgendaItemEntity, { meeting: { $in: open }, kind: { $ne: "CASE" } }, { orderBy: { position: "asc" } })
      : [];
    const agendaOf = new Map<string, string[]>();
    for (const item of items) agendaOf.set(item.meeting.id, [...(agendaOf.get(item.meeting.id) ?? []), item.title]);

    // Times in UTC (with Z): an instant every client places right, whatever the server's TZ. A
    // calendar `timezone` without a VTIMEZONE would make ical-generator write the server's local time.
    const calendar = ical({
      name: `まるごとグラフ 会議予定（${feed.label}）`,
      method: ICalCalendarMethod.PUBLISH,
      prodId: { company: "Yamagata City", product: "marugoto-graph", language: "JA" },
    });
    for (const m of meetings) {
      const agenda = m.confidential ? [] : (agendaOf.get(m.id) ?? []);
      const lines = [
        `会議体：${m.body.name}`,
        ...(m.confidential
          ? ["非公開の会議です。議題は会議ボードで確認してください。"]
          : agenda.length
            ? ["議題：", ...agenda.map((t, i) => `${i + 1}. ${t}`)]
            : []),
      ];
      calendar.createEvent({
        id: `${m.id}@marugoto-graph`,
        // The meeting's counter, one more on every change a calendar shows: a client replaces its copy.
        sequence: m.sequence,
        stamp: now,
        lastModified: m.updatedAt,
        created: m.createdAt,
        start: m.startsAt,
        end: m.endsAt ?? new Date(m.startsAt.getTime() + 60 * 60_000),
        summary: `${m.status === "CANCELLED" ? "【中止】" : ""}${m.title}（${m.body.name}）`,
        location: m.place ?? undefined,
        description: lines.join("\n"),
        status: m.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        class: m.confidential ? ICalEventClass.CONFIDENTIAL : ICalEventClass.PUBLIC,
      });
    }
    return calendar.toString();
  }
}
