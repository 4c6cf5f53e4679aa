import type { Identity } from "@marugoto/shared";
import type { BodyKindValue } from "../body/body.entity.js";
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
  status: ItemStatusValue;
  caseId: string | null;
  /** True when a case item's contents are withheld from this caller (no pledge yet). */
  redacted?: boolean;
}

export const isMember = (meeting: MeetingView, identity: Identity) => meeting.members.some((m) => m.organizationCode === identity.org);

/** 非公開 meetings exist only for their members. */
export const canSee = (meeting: MeetingView, identity: Identity) => !meeting.confidential || isMember(meeting, identity);

/** The chair's organisation, or a secretary organisation the chair named, acting in that role. */
export function canEdit(meeting: MeetingView, identity: Identity): boolean {
  const member = meeting.members.find((m) => m.organizationCode === identity.org);
  if (member?.role === "CHAIR") return identity.roles.includes("chair");
  if (member?.role === "SECRETARY") return identity.roles.includes("secretary") || identity.roles.includes("chair");
  return false;
}

export const hasPledged = (meeting: MeetingView, identity: Identity) =>
  meeting.members.some((m) => m.organizationCode === identity.org && m.pledgedAt !== null);

export const REDACTED_CASE_TITLE = "個別ケース（守秘義務の誓約後に表示）";

/** A case item's contents are for members who pledged confidentiality; others see that it exists. */
export function redactFor(meeting: MeetingView, identity: Identity, item: ItemView): ItemView {
  if (item.kind !== "CASE" || hasPledged(meeting, identity)) return item;
  return { ...item, title: REDACTED_CASE_TITLE, description: null, caseId: null, redacted: true };
}

/** JSON snapshots carry dates as strings: give them back their type. */
export function meetingFromSnapshot(json: Record<string, unknown>): MeetingView {
  const m = json as unknown as MeetingView & { startsAt: string; endsAt: string | null };
  return {
    ...m,
    startsAt: new Date(m.startsAt),
    endsAt: m.endsAt ? new Date(m.endsAt) : null,
    members: (m.members as (MemberView & { pledgedAt: string | null })[]).map((x) => ({ ...x, pledgedAt: x.pledgedAt ? new Date(x.pledgedAt) : null })),
  };
}
