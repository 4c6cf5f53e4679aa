import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  decodePageCursor,
  ForbiddenError,
  NotFoundError,
  pageSize,
  InputProblems,
  RuleViolation,
  isUuid,
  lockRow,
  optionalText,
  requireKnownOrganization,
  requireText,
  toPage,
  type Identity,
  type Page,
  hasRole,
  keyUsed,
  logger,
  ROLES,
  safeError,
} from "@marugoto/shared";
import { BodyMemberEntity, HANDLES_INDIVIDUAL_CASES, MeetingBodyEntity } from "../body/body.entity.js";
import { screenOpenText } from "../body/policy-text.js";
import {
  publishActionItemEvent,
  publishAgendaEvent,
  publishMeetingEvent,
  SCHEMA,
  toMeetingView,
  type MemberFields,
} from "../events/meeting-events.js";
import { ActionItemEntity } from "../action-item/action-item.entity.js";
import type { BodyService } from "../body/body.service.js";
import { WithdrawalRefused, type CaseDisclosures } from "../case/cases.client.js";
import {
  ConfidentialityPledgeEntity,
  MeetingEntity,
  MeetingMemberEntity,
  type AttendanceValue,
  type Meeting,
  type MemberRoleValue,
} from "./meeting.entity.js";
import { canEdit, canSee, type MeetingView } from "./meeting.view.js";

export interface MeetingFilter {
  from?: Date | null;
  to?: Date | null;
  bodyCode?: string | null;
  organizationCode?: string | null;
}

export interface ScheduleInput {
  bodyCode: string;
  title: string;
  startsAt: Date;
  endsAt?: Date | null;
  place?: string | null;
  confidential?: boolean | null;
  memberCodes?: string[] | null;
}

/** The meeting's row lock, until the transaction ends. See `MeetingService.lockForWrite`. */
async function lockMeeting(tx: EntityManager, meetingId: string): Promise<void> {
  await lockRow(tx, SCHEMA, "meeting", meetingId);
}

/**
 * One more on the meeting's calendar SEQUENCE, in the caller's transaction (under the meeting's row
 * lock): every change a calendar shows calls it, so two changes in one second still count as two.
 */
export async function bumpSequence(tx: EntityManager, meetingId: string): Promise<void> {
  await tx.execute(`update "${SCHEMA}".meeting set sequence = sequence + 1 where id = ?`, [meetingId]);
}

/** The meeting an agenda item (or action item) belongs to, read without loading the row before the lock. */
export async function meetingIdOf(tx: EntityManager, table: "agenda_item" | "action_item", id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.execute<{ meeting_id: string }[]>(`select meeting_id from "${SCHEMA}".${table} where id = ?`, [id]);
  return row?.meeting_id ?? null;
}

/** The operation's place in the event sequence: the outbox's last `seq` (`null` while it is empty). */
const CURSOR_SQL = `select max(seq) as seq from "${SCHEMA}".outbox_event`;

/** The meeting body's columns, read beside each meeting by `viewsOf` (as `body__<column>`). */
const BODY_COLUMNS = ["id", "code", "kind", "name", "legal_basis", "topic", "created_at"] as const;

/** One row of the meeting table, as `viewsOf` reads it (mapped to the entity by `em.map`). */
type MeetingRow = Record<string, unknown> & { id: string | null };

/** One row of a meeting's members, as `membersOf` reads it. */
interface MemberRow {
  meeting_id: string;
  organization_code: string;
  role: MemberRoleValue;
  attendance: AttendanceValue;
  position: number;
  pledged_at: string | Date | null;
  joined_at: string | Date | null;
}

/** Most organisations a sitting may invite beyond its body's roster (more than the directory holds). */
const MAX_EXTRA_MEMBERS = 200;

/** Each organisation invited beyond the roster is known; a list longer than any directory is refused whole. */
function checkExtraMembers(problems: InputProblems, extra: string[]): void {
  if (extra.length > MAX_EXTRA_MEMBERS) {
    problems.add(new RuleViolation("TOO_MANY_MEMBERS", `構成員は${MAX_EXTRA_MEMBERS}組織までしか指定できません。`, ["memberCodes"]));
    return;
  }
  extra.forEach((code, i) => problems.check(() => requireKnownOrganization(code, "memberCodes", "構成員"), ["memberCodes", String(i)]));
}

/**
 * A case meeting's own rules when scheduled: its members are the chair's choice (as for every later
 * change of who sits on it), and it is confidential.
 */
function checkCasework(problems: InputProblems, input: ScheduleInput, byChair: boolean): void {
  if (input.memberCodes?.length && !byChair)
    problems.add(
      new RuleViolation(
        "MEMBERS_BY_CHAIR_ONLY",
        "個別ケースを扱う会議の構成員を選べるのは議長だけです。事務局が設定するときは構成員を指定せず、議長が追加してください。",
        ["memberCodes"],
      ),
    );
  if (input.confidential === false)
    problems.add(
      new RuleViolation("CASE_MEETING_MUST_BE_CONFIDENTIAL", "個別ケースを扱う会議は非公開でなければなりません。", ["confidential"]),
    );
}

/** Meetings and their members: reads batched per request, writes inside the caller's transaction. */
export class MeetingService {
  private readonly views: DataLoader<string, MeetingView | null>;
  private cursorAt?: Promise<number>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly bodies: BodyService,
    private readonly cases: () => CaseDisclosures | null = () => null,
  ) {
    this.views = new DataLoader(async (ids) => {
      // The ids are uuids (`visible` checks), bound as one array literal.
      const byId = new Map((await this.viewsOf(`m.id = any(?::uuid[])`, [`{${ids.join(",")}}`])).map((v) => [v.id, v]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * The views of the meetings that `where` selects (SQL over the alias `m`, with `?` placeholders),
   * each with its members and body, and `readAt`: the operation's cursor, read in the same statement
   * as the rows, so from the same snapshot (or, when the operation already has one, before them).
   * Every event up to it is committed, so the meeting and its agenda (read later still) already
   * reflect it. A cursor behind the rows only replays events whose state the client already has; one
   * ahead of them would lose a change for good. Each meeting's body is read by the same statement
   * (`meetingOf`).
   */
  private async viewsOf(where: string, params: unknown[], limit?: number): Promise<MeetingView[]> {
    const known = this.cursorAt;
    if (known) await known;
    // By start time, in the page and in the result (the outer order does not rely on the join keeping the inner one).
    // Each meeting's body comes with it (a left join: a missing body shows as a null `body__id`).
    const read = this.em.execute<(MeetingRow & { read_at: string | null })[]>(
      `select c.seq as read_at, m.*, ${BODY_COLUMNS.map((col) => `b.${col} as body__${col}`).join(", ")}
       from (${CURSOR_SQL}) c
       left join lateral (select m.* from "${SCHEMA}".meeting m where ${where}
         order by m.starts_at asc, m.id asc ${limit === undefined ? "" : `limit ${Math.trunc(limit)}`}) m on true
       left join "${SCHEMA}".meeting_body b on b.id = m.body_id
       order by m.starts_at asc, m.id asc`,
      params,
    );
    // Set before any await: whoever asks for the cursor from now on gets this statement's.
    this.cursorAt ??= read.then(([row]) => Number(row?.read_at ?? 0));
    const [rows, readAt] = await Promise.all([read, this.cursorAt]);
    const meetings = rows.filter((r) => r.id !== null).map((row) => this.meetingOf(row));
    if (!meetings.length) return [];
    const members = await this.membersOf(meetings.map((m) => m.id));
    return meetings.map((m) => ({ ...toMeetingView(m, members.get(m.id) ?? []), readAt }));
  }

  /**
   * A meeting and its body from one row of `viewsOf`, both in the request's identity map; the body
   * also primes the request's body loader, so a `body` field asks nothing more. A body decides what
   * a view may show (case meetings hide minutes and case items from those who have not pledged), so
   * a missing one fails the whole read: never a view without its body's kind.
   */
  private meetingOf(row: Record<string, unknown>): Meeting {
    const bodyRow = Object.fromEntries(BODY_COLUMNS.map((col) => [col, row[`body__${col}`]]));
    if (!bodyRow.id || !bodyRow.kind) throw new Error("meeting body not found");
    const body = this.em.map(MeetingBodyEntity, bodyRow);
    this.bodies.byId.prime(body.id, body);
    const meetingRow = Object.fromEntries(Object.entries(row).filter(([k]) => k !== "read_at" && !k.startsWith("body__")));
    const meeting = this.em.map(MeetingEntity, meetingRow);
    if (meeting.body !== body) throw new Error("meeting body not found");
    return meeting;
  }

  /**
   * The members of these meetings, as plain rows: a view only reads them (a write locks the meeting
   * and reads its members as entities, `lockForWrite`), so nothing is hydrated into the identity map.
   * A council's sitting has some 30 members: as entities they were most of what a page of meetings built.
   */
  private async membersOf(meetingIds: string[]): Promise<Map<string, MemberFields[]>> {
    // The ids are the meetings' own (uuids read from their rows), bound as one array literal.
    const rows = await this.em.execute<MemberRow[]>(
      `select meeting_id, organization_code, role, attendance, position, pledged_at, joined_at
       from "${SCHEMA}".meeting_member where meeting_id = any(?::uuid[])`,
      [`{${meetingIds.join(",")}}`],
    );
    const byMeeting = new Map<string, MemberFields[]>();
    for (const row of rows) {
      const list = byMeeting.get(row.meeting_id) ?? [];
      list.push({
        organizationCode: row.organization_code,
        role: row.role,
        attendance: row.attendance,
        position: row.position,
        // The driver hands timestamps over as text (the ORM converts its own reads).
        pledgedAt: row.pledged_at === null ? null : new Date(row.pledged_at),
        joinedAt: row.joined_at === null ? null : new Date(row.joined_at),
      });
      byMeeting.set(row.meeting_id, list);
    }
    return byMeeting;
  }

  /**
   * This operation's place in the event sequence (`Organization.eventCursor`), read once and before
   * the rows of any organisation-wide list (meetings, action items), so that every event after it is
   * one the lists may not show yet: a cursor behind the rows only replays, one ahead would lose.
   */
  operationCursor(): Promise<number> {
    this.cursorAt ??= this.em.execute<{ seq: string | null }[]>(CURSOR_SQL).then(([row]) => Number(row?.seq ?? 0));
    return this.cursorAt;
  }

  /** The meeting if the caller may see it; `null` otherwise (a non-member learns nothing). */
  async visible(id: string): Promise<MeetingView | null> {
    if (!isUuid(id)) return null;
    const view = await this.views.load(id);
    return view && canSee(view, this.identity) ? view : null;
  }

  async requireVisible(id: string): Promise<MeetingView> {
    const view = await this.visible(id);
    if (!view) throw new NotFoundError("会議", id);
    return view;
  }

  /**
   * Every write to a meeting starts here: the meeting's row lock (`FOR UPDATE`), held to commit, so
   * writes to one meeting run one after another, and everything read after it — positions, the
   * event's snapshot — is the state as committed. Taken before the outbox's advisory lock, always.
   * Returns the meeting as it now stands, whoever the caller is (`null` if it does not exist).
   */
  async lockForWrite(id: string, tx: EntityManager): Promise<MeetingView | null> {
    if (!isUuid(id)) return null;
    await lockMeeting(tx, id);
    const meeting = await tx.findOne(MeetingEntity, id, { populate: ["body"], refresh: true });
    return meeting && toMeetingView(meeting, await tx.find(MeetingMemberEntity, { meeting: id }, { refresh: true }));
  }

  /** For a write (locks the meeting first): visible, and the caller chairs it (or is its named secretary). */
  async requireEditable(id: string, tx: EntityManager): Promise<MeetingView> {
    const view = await this.lockForWrite(id, tx);
    if (!view || !canSee(view, this.identity)) throw new NotFoundError("会議", id);
    if (!canEdit(view, this.identity)) throw new ForbiddenError("この会議を編集できるのは議長（または議長が指名した書記）だけです。");
    if (view.status === "CANCELLED") throw new RuleViolation("MEETING_CANCELLED", "中止された会議は変更できません。");
    return view;
  }

  /**
   * 中止: call off a meeting that has not opened (chair). It stays, marked, in every list and calendar.
   * Its tasks still open are called off with it (取り消し): each assignee hears of it, and none stays
   * open — or overdue — for a meeting that will not take place. The chair may reopen one.
   */
  async cancel(tx: EntityManager, id: string): Promise<void> {
    const view = await this.requireEditable(id, tx);
    if (view.status !== "SCHEDULED") throw new RuleViolation("INVALID_MEETING_STATUS", "中止できるのは、開会前の会議だけです。");
    if (!view.members.some((m) => m.organizationCode === this.identity.org && m.role === "CHAIR")) {
      throw new ForbiddenError("会議を中止できるのは議長だけです。");
    }
    const meeting = await tx.findOneOrFail(MeetingEntity, id);
    meeting.status = "CANCELLED";
    const open = await tx.find(ActionItemEntity, { meeting: id, status: { $in: ["OPEN", "IN_PROGRESS"] } }, { populate: ["item"] });
    for (const task of open) task.status = "CANCELLED";
    for (const task of open) await publishActionItemEvent(tx, task, "ACTION_ITEM_UPDATED");
    await bumpSequence(tx, id);
    await publishMeetingEvent(tx, id, "MEETING_STATUS_CHANGED");
    await publishAgendaEvent(tx, id, "MEETING_CANCELLED");
  }

  /** Meetings the caller may see, by start time: one statement for the page and the operation's cursor. */
  async list(filter: MeetingFilter, first?: number | null, after?: string | null): Promise<Page<MeetingView>> {
    const size = pageSize(first);
    const membership = `select meeting_id from "${SCHEMA}".meeting_member where organization_code = ?`;
    const where: string[] = [];
    const params: unknown[] = [];
    const and = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    and(`(m.confidential = false or m.id in (${membership}))`, this.identity.org);
    if (filter.from) and(`m.starts_at >= ?`, filter.from);
    if (filter.to) and(`m.starts_at < ?`, filter.to);
    if (filter.bodyCode) and(`m.body_id in (select id from "${SCHEMA}".meeting_body where code = ?)`, filter.bodyCode);
    if (filter.organizationCode) and(`m.id in (${membership})`, filter.organizationCode);
    const key = decodePageCursor(after, ["instant", "uuid"]);
    if (key) {
      const [startsAt, id] = [new Date(String(key[0])), String(key[1])];
      and(`(m.starts_at > ? or (m.starts_at = ? and m.id > ?::uuid))`, startsAt, startsAt, id);
    }
    // The page's rows are read whole, once: the request's later lookups of these meetings find them primed.
    const views = await this.viewsOf(where.join(" and "), params, size + 1);
    for (const view of views) this.views.prime(view.id, view);
    return toPage(views, size, (v) => [v.startsAt.toISOString(), v.id]);
  }

  async schedule(tx: EntityManager, input: ScheduleInput): Promise<string> {
    // Every problem of the input is reported at once (a form marks each field); nothing is written.
    const problems = new InputProblems();
    const body = await tx.findOne(MeetingBodyEntity, { code: input.bodyCode });
    if (!body) problems.add(new RuleViolation("BODY_NOT_FOUND", "指定された会議体がありません。", ["bodyCode"]));
    const bodyMembers = body ? await tx.find(BodyMemberEntity, { body }, { orderBy: { position: "asc" } }) : [];
    const mine = bodyMembers.find((m) => m.organizationCode === this.identity.org);
    const organiser =
      mine &&
      (mine.role === "CHAIR" || mine.role === "SECRETARIAT") &&
      (hasRole(this.identity, ROLES.chair) || hasRole(this.identity, ROLES.secretary));
    if (body && !organiser) throw new ForbiddenError("この会議体の会議を設定できるのは議長または事務局だけです。");
    const title = problems.check(() => requireText(input.title, "title", "会議名", 200));
    screenOpenText(problems, title, "title", "会議名");
    const validStart = !Number.isNaN(input.startsAt.getTime());
    if (!validStart) problems.add(new RuleViolation("INVALID_DATE", "開始日時が正しくありません。", ["startsAt"]));
    if (input.endsAt && Number.isNaN(input.endsAt.getTime()))
      problems.add(new RuleViolation("INVALID_DATE", "終了日時が正しくありません。", ["endsAt"]));
    else if (validStart && input.endsAt && input.endsAt <= input.startsAt)
      problems.add(new RuleViolation("ENDS_BEFORE_START", "終了日時は開始日時より後にしてください。", ["endsAt"]));
    const place = problems.check(() => optionalText(input.place, "place", "場所", 200));
    screenOpenText(problems, place, "place", "場所");
    const extra = input.memberCodes ?? [];
    checkExtraMembers(problems, extra);
    const casework = body ? HANDLES_INDIVIDUAL_CASES[body.kind] : false;
    if (casework) checkCasework(problems, input, mine?.role === "CHAIR" && hasRole(this.identity, ROLES.chair));
    problems.throwIfAny();
    const meeting = tx.create(MeetingEntity, {
      body: body!,
      title: title!,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      place: place ?? null,
      confidential: casework || (input.confidential ?? false),
      status: "SCHEDULED",
      currentItemId: null,
    });
    const roles = new Map<string, MemberRoleValue>();
    for (const m of bodyMembers)
      roles.set(m.organizationCode, m.role === "CHAIR" ? "CHAIR" : m.role === "SECRETARIAT" ? "SECRETARY" : "MEMBER");
    for (const code of extra) if (!roles.has(code)) roles.set(code, "MEMBER");
    [...roles].forEach(([organizationCode, role], position) =>
      tx.create(MeetingMemberEntity, {
        meeting,
        organizationCode,
        role,
        attendance: "UNKNOWN",
        position,
        pledgedAt: null,
        pledgedBy: null,
      }),
    );
    await tx.flush();
    await publishMeetingEvent(tx, meeting.id, "MEETING_SCHEDULED");
    return meeting.id;
  }

  async reschedule(tx: EntityManager, id: string, startsAt: Date, endsAt?: Date | null, place?: string | null): Promise<void> {
    const view = await this.requireEditable(id, tx);
    if (view.status === "CLOSED") throw new RuleViolation("MEETING_CLOSED", "終了した会議は変更できません。");
    const problems = new InputProblems();
    const validStart = !Number.isNaN(startsAt.getTime());
    if (!validStart) problems.add(new RuleViolation("INVALID_DATE", "開始日時が正しくありません。", ["startsAt"]));
    if (endsAt && Number.isNaN(endsAt.getTime()))
      problems.add(new RuleViolation("INVALID_DATE", "終了日時が正しくありません。", ["endsAt"]));
    else if (validStart && endsAt && endsAt <= startsAt)
      problems.add(new RuleViolation("ENDS_BEFORE_START", "終了日時は開始日時より後にしてください。", ["endsAt"]));
    const newPlace = place !== undefined ? problems.check(() => optionalText(place, "place", "場所", 200)) : undefined;
    screenOpenText(problems, newPlace, "place", "場所");
    problems.throwIfAny();
    const meeting = await tx.findOneOrFail(MeetingEntity, id);
    meeting.startsAt = startsAt;
    meeting.endsAt = endsAt ?? null;
    if (place !== undefined) meeting.place = newPlace ?? null;
    await bumpSequence(tx, id);
    await publishMeetingEvent(tx, id, "MEETING_RESCHEDULED");
    await publishAgendaEvent(tx, id, "MEETING_RESCHEDULED");
  }

  /**
   * For a change of who sits on a meeting: the meeting editable, not yet closed (its minutes and case
   * items are for those who sat on it), and of a meeting that handles individual cases (支援会議,
   * 重層的支援会議) the chair's seat itself — its members are chosen by the chair, case by case.
   */
  private async requireMembershipChange(id: string, tx: EntityManager): Promise<MeetingView> {
    const view = await this.requireEditable(id, tx);
    if (view.status === "CLOSED") throw new RuleViolation("MEETING_CLOSED", "終了した会議の構成員は変更できません。");
    const chairSeat = view.members.some((m) => m.organizationCode === this.identity.org && m.role === "CHAIR");
    if (HANDLES_INDIVIDUAL_CASES[view.bodyKind] && !chairSeat)
      throw new ForbiddenError("個別ケースを扱う会議の構成員を選べるのは議長だけです。");
    return view;
  }

  /** Invites an organisation; one that pledged for this meeting before sits again under that pledge. */
  async addMember(tx: EntityManager, id: string, organizationCode: string): Promise<void> {
    const view = await this.requireMembershipChange(id, tx);
    requireKnownOrganization(organizationCode, "organizationCode", "構成員");
    if (view.members.some((m) => m.organizationCode === organizationCode))
      throw new RuleViolation("ALREADY_MEMBER", "すでに構成員です。", ["organizationCode"]);
    const pledge = await tx.findOne(ConfidentialityPledgeEntity, { meeting: id, organizationCode });
    tx.create(MeetingMemberEntity, {
      meeting: id,
      organizationCode,
      role: "MEMBER",
      attendance: "UNKNOWN",
      position: view.members.length,
      pledgedAt: pledge?.pledgedAt ?? null,
      pledgedBy: pledge?.pledgedBy ?? null,
    });
    await publishMeetingEvent(tx, id, "MEMBERSHIP_CHANGED");
    await publishAgendaEvent(tx, id, "MEMBERS_CHANGED");
  }

  /**
   * Before an organisation is removed from a case meeting, and before the removal's transaction opens:
   * the cases subgraph withdraws what the meeting was disclosed from it (DOMAIN: visible to that
   * meeting's members only). Only when the removal can go ahead as things stand (the caller holds the
   * chair's seat, the organisation sits on the open meeting); otherwise the removal itself refuses.
   * Answers the refusal to give if the cases subgraph could not be told: the member then stays. A
   * retry with an idempotency key already used tells nothing (its first call did, and it is answered
   * as that one was): a late retry never withdraws what was disclosed to a member invited again since.
   */
  async beforeRemoval(id: string, organizationCode: string, idempotencyKey?: string | null): Promise<RuleViolation | null> {
    const cases = this.cases();
    if (idempotencyKey && (await keyUsed(this.em, SCHEMA, this.identity, idempotencyKey))) return null;
    const view = cases && (await this.visible(id));
    if (!cases || !view || !HANDLES_INDIVIDUAL_CASES[view.bodyKind] || view.status === "CLOSED" || view.status === "CANCELLED") return null;
    const seat = view.members.find((m) => m.organizationCode === organizationCode)?.role;
    if (!this.chairs(view) || !seat || seat === "CHAIR") return null;
    try {
      await cases.withdraw(id, organizationCode, this.identity);
      return null;
    } catch {
      return new RuleViolation(
        "CASES_UNAVAILABLE",
        "この会議で提供されたケース情報を取り消せなかったため、構成員から外せませんでした。時間をおいて再度お試しください。",
        ["organizationCode"],
      );
    }
  }

  /**
   * Before a case meeting is called off (中止), and before the call-off's transaction opens: the cases
   * subgraph withdraws everything the meeting was disclosed (DOMAIN: for that meeting's purpose only,
   * and a meeting that never meets has none left). Only when the call-off can go ahead as things stand
   * (the caller chairs the meeting, still to be held); otherwise the call-off itself refuses, as it
   * does when the meeting opened meanwhile (the cases subgraph then withdraws nothing). Answers the
   * refusal to give if the cases subgraph could not be told (the meeting then stays as it is), and
   * whether anything was withdrawn. A retry with an idempotency key already used tells nothing (its
   * first call did).
   */
  async beforeCancellation(id: string, idempotencyKey?: string | null): Promise<{ refused: RuleViolation | null; withdrew: boolean }> {
    const none = { refused: null, withdrew: false };
    const cases = this.cases();
    if (idempotencyKey && (await keyUsed(this.em, SCHEMA, this.identity, idempotencyKey))) return none;
    const view = cases && (await this.visible(id));
    if (!cases || !view || !HANDLES_INDIVIDUAL_CASES[view.bodyKind] || view.status !== "SCHEDULED" || !this.chairs(view)) return none;
    try {
      await cases.withdrawCalledOff(id, this.identity);
      return { refused: null, withdrew: true };
    } catch (error) {
      if (error instanceof WithdrawalRefused && error.codes.includes("MEETING_OPENED")) return none;
      const refused = new RuleViolation(
        "CASES_UNAVAILABLE",
        "この会議で提供されたケース情報を取り消せなかったため、中止できませんでした。時間をおいて再度お試しください。",
        ["meetingId"],
      );
      return { refused, withdrew: false };
    }
  }

  /**
   * Once a case meeting is called off: the cases subgraph is told again, now that the meeting shows
   * itself called off. What a manager disclosed to it between the first withdrawal and the call-off
   * goes too, and the cases subgraph records every member's departure, so that a disclosure checked
   * against the meeting before it was called off is refused. If it cannot be told now, that is logged:
   * the first withdrawal stands, and no disclosure to a meeting called off is accepted afterwards.
   */
  async afterCancellation(id: string): Promise<void> {
    const cases = this.cases();
    // The meeting's kind never changes: the view read before the call-off says it.
    const view = cases && (await this.visible(id));
    if (!cases || !view || !HANDLES_INDIVIDUAL_CASES[view.bodyKind]) return;
    await cases.withdrawCalledOff(id, this.identity).catch((error: unknown) => {
      logger.warn("cases not told of a meeting called off", { meetingId: id, error: safeError(error) });
    });
  }

  /** Whether the caller holds the meeting's chair and may edit it. */
  private chairs(view: MeetingView): boolean {
    return view.members.find((m) => m.organizationCode === this.identity.org)?.role === "CHAIR" && canEdit(view, this.identity);
  }

  /**
   * Removes an organisation from the meeting; its pledge stays on record (`ConfidentialityPledge`).
   * Of a 非公開 meeting, its tasks still open are called off with it (取り消し): it could no longer see,
   * move along or finish them, and none stays open — or overdue — in the others' tallies. The chair
   * may give the work to a member that stays (a new task, or one reopened and reassigned). Their
   * events go to its own stream, which no longer shows it the meeting; the members that stay see the
   * change when their boards read the meeting again (MEMBERS_CHANGED).
   */
  async removeMember(tx: EntityManager, id: string, organizationCode: string): Promise<void> {
    const view = await this.requireMembershipChange(id, tx);
    const member = view.members.find((m) => m.organizationCode === organizationCode);
    if (!member) throw new RuleViolation("NOT_A_MEMBER", "構成員ではありません。", ["organizationCode"]);
    if (member.role === "CHAIR") throw new RuleViolation("CANNOT_REMOVE_CHAIR", "議長は外せません。", ["organizationCode"]);
    await tx.nativeDelete(MeetingMemberEntity, { meeting: id, organizationCode });
    if (view.confidential) {
      const open = await tx.find(
        ActionItemEntity,
        { meeting: id, assigneeCode: organizationCode, status: { $in: ["OPEN", "IN_PROGRESS"] } },
        { populate: ["item"] },
      );
      for (const task of open) task.status = "CANCELLED";
      for (const task of open) await publishActionItemEvent(tx, task, "ACTION_ITEM_UPDATED");
    }
    await publishMeetingEvent(tx, id, "MEMBERSHIP_CHANGED", [organizationCode]);
    await publishAgendaEvent(tx, id, "MEMBERS_CHANGED");
  }

  /** The chair names a secretary organisation, who may then edit the agenda. */
  async nameSecretary(tx: EntityManager, id: string, organizationCode: string): Promise<void> {
    const view = await this.requireEditable(id, tx);
    const me = view.members.find((m) => m.organizationCode === this.identity.org);
    if (me?.role !== "CHAIR") throw new ForbiddenError("書記を指名できるのは議長だけです。");
    const member = await tx.findOne(MeetingMemberEntity, { meeting: id, organizationCode });
    if (!member) throw new RuleViolation("NOT_A_MEMBER", "書記は会議の構成員から指名してください。", ["organizationCode"]);
    if (member.role === "CHAIR") throw new RuleViolation("ALREADY_CHAIR", "議長を書記にはできません。", ["organizationCode"]);
    member.role = "SECRETARY";
    await publishAgendaEvent(tx, id, "MEMBERS_CHANGED");
  }

  async recordAttendance(tx: EntityManager, id: string, organizationCode: string, attendance: AttendanceValue): Promise<void> {
    await this.requireEditable(id, tx);
    const member = await tx.findOne(MeetingMemberEntity, { meeting: id, organizationCode });
    if (!member) throw new RuleViolation("NOT_A_MEMBER", "構成員ではありません。", ["organizationCode"]);
    member.attendance = attendance;
    await publishAgendaEvent(tx, id, "MEMBERS_CHANGED");
  }

  /** The caller's organisation pledges confidentiality (守秘義務の誓約) for a case meeting. */
  async pledge(tx: EntityManager, id: string): Promise<void> {
    if (isUuid(id)) await lockMeeting(tx, id);
    const meeting = isUuid(id) ? await tx.findOne(MeetingEntity, id, { populate: ["body"], refresh: true }) : null;
    const member = meeting && (await tx.findOne(MeetingMemberEntity, { meeting: id, organizationCode: this.identity.org }));
    if (!meeting || (meeting.confidential && !member)) throw new NotFoundError("会議", id);
    if (!HANDLES_INDIVIDUAL_CASES[meeting.body.kind])
      throw new RuleViolation("PLEDGE_NOT_APPLICABLE", "誓約は個別ケースを扱う会議でのみ必要です。");
    if (!member) throw new RuleViolation("NOT_A_MEMBER", "構成員ではありません。");
    if (member.pledgedAt) return;
    member.pledgedAt = new Date();
    member.pledgedBy = this.identity.sub;
    tx.create(ConfidentialityPledgeEntity, {
      meeting: id,
      organizationCode: member.organizationCode,
      pledgedAt: member.pledgedAt,
      pledgedBy: member.pledgedBy,
    });
    await publishAgendaEvent(tx, id, "MEMBERS_CHANGED");
  }
}
