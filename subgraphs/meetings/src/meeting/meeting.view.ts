import { hasRole, markNotKept, ROLES, type Identity } from "@marugoto/shared";
import { HANDLES_INDIVIDUAL_CASES, type BodyKindValue } from "../body/body.entity.js";
import type { ItemKindValue, ItemStatusValue } from "../agenda/agenda-item.entity.js";
import type { AttendanceValue, MeetingStatusValue, MemberRoleValue } from "./meeting.entity.js";

/**
 * What a meeting looks like to resolvers and to subscribers: a plain value, built from rows at
 * read time or from an event's stored snapshot, so both paths resolve the same way.
 */
export interface MeetingView {
  id: string;
  bodyId: string;
  bodyKind: BodyKindValue;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  confidential: boolean;
  status: MeetingStatusValue;
  currentItemId: string | null;
  members: MemberView[];
  /**
   * The outbox sequence number this view is at least as new as: read *before* the meeting's rows
   * (and so before its agenda), or the event's own number for a view from an event. `eventCursor`
   * answers with it, so a cursor is never ahead of the state read with it.
   */
  readAt?: number;
}

export interface MemberView {
  organizationCode: string;
  role: MemberRoleValue;
  attendance: AttendanceValue;
  pledgedAt: Date | null;
  /** When it was (last) invited; null for memberships recorded before this was kept (and in older snapshots). */
  joinedAt?: Date | null;
}

export interface ItemView {
  id: string;
  meetingId: string;
  position: number;
  kind: ItemKindValue;
  title: string;
  description: string | null;
  presenterCode: string | null;
  timeboxMinutes: number | null;
  /** Revision of the contents; 1 for an item as added (snapshots written before it have none). */
  revision?: number;
  status: ItemStatusValue;
  caseId: string | null;
  /** True when a case item's contents are withheld from this caller (no pledge yet). */
  redacted?: boolean;
}

const isMember = (meeting: MeetingView, identity: Identity) => meeting.members.some((m) => m.organizationCode === identity.org);

/** 非公開 meetings exist only for their members. */
export const canSee = (meeting: MeetingView, identity: Identity) => !meeting.confidential || isMember(meeting, identity);

/** The chair's organisation, or a secretary organisation the chair named, acting in that role. */
export function canEdit(meeting: MeetingView, identity: Identity): boolean {
  const member = meeting.members.find((m) => m.organizationCode === identity.org);
  if (member?.role === "CHAIR") return hasRole(identity, ROLES.chair);
  if (member?.role === "SECRETARY") return hasRole(identity, ROLES.secretary) || hasRole(identity, ROLES.chair);
  return false;
}

/**
 * Whether the caller's organisation pledged confidentiality for this meeting: every path that shows
 * what a case meeting's members keep confidential (a case item's contents, its tasks, the minutes,
 * a case's meetings) asks this, and only such paths. When it lets them through, the answer is marked
 * as one no one may keep (`markNotKept`): the gateway keeps meetings answers by caller, but never
 * these.
 */
export function hasPledged(meeting: MeetingView, identity: Identity): boolean {
  const pledged = meeting.members.some((m) => m.organizationCode === identity.org && m.pledgedAt !== null);
  if (pledged) markNotKept();
  return pledged;
}

/**
 * Minutes of a case meeting (支援会議, 重層的支援会議) record what was said about people: only members
 * whose organisation pledged read them, on every path. Other meetings' minutes follow the meeting.
 */
export const maySeeMinutes = (meeting: MeetingView, identity: Identity) =>
  canSee(meeting, identity) && (!HANDLES_INDIVIDUAL_CASES[meeting.bodyKind] || hasPledged(meeting, identity));

export const REDACTED_CASE_TITLE = "個別ケース（守秘義務の誓約後に表示）";
export const REDACTED_ITEM_TITLE = "議題（守秘義務の誓約後に表示）";

/** What a withheld item's title shows: that it exists, and whether it is a case. */
export const redactedTitle = (item: { kind: ItemKindValue }) => (item.kind === "CASE" ? REDACTED_CASE_TITLE : REDACTED_ITEM_TITLE);

/**
 * Whether an item's contents are for members who pledged confidentiality: every item of a case meeting
 * (支援会議, 重層的支援会議), not only its case items — a report on last sitting's follow-up, a decision
 * on it, speak of the same people in free text no screening reads.
 */
const needsPledge = (meeting: MeetingView, item: ItemView) => item.kind === "CASE" || HANDLES_INDIVIDUAL_CASES[meeting.bodyKind];

/** An item's contents, for members who pledged where it needs the pledge; others see that it exists. */
export function redactFor(meeting: MeetingView, identity: Identity, item: ItemView): ItemView {
  if (!needsPledge(meeting, item) || hasPledged(meeting, identity)) return { ...item, redacted: false };
  return { ...item, title: redactedTitle(item), description: null, caseId: null, redacted: true };
}

/**
 * Whether an item's contents (title, description, case, decisions) may be shown: only an item that went
 * through `redactFor` and came out unredacted. Resolvers check this too, so a path that forgot
 * `redactFor` shows an item redacted rather than in full.
 */
export const contentsShown = (item: ItemView) => item.redacted === false;

/** What the caller may see of an action item: all of it, a redacted stub, or nothing. */
export type ActionItemAccess = "FULL" | "REDACTED" | "HIDDEN";

export const REDACTED_ACTION_ITEM_TITLE = "（ケースに関するタスク・誓約後に表示）";

/**
 * The one rule for action items, on every path (agenda, organisation lists, the case, `_entities`,
 * mutation payloads, events). An action item from a case item carries case contents (its title
 * names the person), so it follows the pledge like the item itself: members that pledged see it;
 * the assignee organisation that has not pledged yet sees only that it has a task (neutral title,
 * status, due date) so it can act and pledge; every other organisation sees nothing of it.
 * `caseItem` is null when the agenda item was removed: then the meeting's kind decides (a case
 * meeting's orphaned task is treated as a case task). `formerAssignee` is the organisation it was
 * just taken from, told of the change like the assignee.
 */
export function actionItemAccess(
  meeting: MeetingView,
  identity: Identity,
  item: { assigneeCode: string; caseItem?: boolean | null },
  formerAssignee?: string,
): ActionItemAccess {
  if (!canSee(meeting, identity)) return "HIDDEN";
  // Every task of a case meeting follows the pledge, as its items do (see `redactFor`).
  const caseBound = HANDLES_INDIVIDUAL_CASES[meeting.bodyKind] || item.caseItem === true;
  if (!caseBound || hasPledged(meeting, identity)) return "FULL";
  return item.assigneeCode === identity.org || (formerAssignee !== undefined && formerAssignee === identity.org) ? "REDACTED" : "HIDDEN";
}

/** JSON snapshots carry dates as strings: give them back their type. */
export function meetingFromSnapshot(json: Record<string, unknown>): MeetingView {
  const m = json as unknown as MeetingView & { startsAt: string; endsAt: string | null };
  return {
    ...m,
    startsAt: new Date(m.startsAt),
    endsAt: m.endsAt ? new Date(m.endsAt) : null,
    members: (m.members as (MemberView & { pledgedAt: string | null; joinedAt?: string | null })[]).map((x) => ({
      ...x,
      pledgedAt: x.pledgedAt ? new Date(x.pledgedAt) : null,
      joinedAt: x.joinedAt ? new Date(x.joinedAt) : null,
    })),
  };
}
