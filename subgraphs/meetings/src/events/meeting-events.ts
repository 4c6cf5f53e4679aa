import type { EntityManager } from "@mikro-orm/postgresql";
import { publishEvents } from "@marugoto/shared";
import { AgendaItemEntity, type AgendaItem } from "../agenda/agenda-item.entity.js";
import type { ActionItem } from "../action-item/action-item.entity.js";
import { toActionItemSnapshot } from "../action-item/action-item.snapshot.js";
import { MeetingEntity, MeetingMemberEntity, type Meeting, type MeetingMember } from "../meeting/meeting.entity.js";
import type { ItemView, MeetingView } from "../meeting/meeting.view.js";

export const SCHEMA = "meetings";

/** Topics of the meetings subgraph's outbox. */
export const topics = {
  agenda: (meetingId: string) => `agenda:${meetingId}`,
  actionItems: (organizationCode: string) => `action-items:${organizationCode}`,
  meetings: (organizationCode: string) => `meetings:${organizationCode}`,
};

export const AGENDA_EVENT_KINDS = [
  "ITEM_ADDED",
  "ITEM_UPDATED",
  "ITEM_REMOVED",
  "AGENDA_REORDERED",
  "MEETING_STARTED",
  "AGENDA_ADVANCED",
  "ITEM_DEFERRED",
  "MEETING_ADJOURNED",
  "MEETING_CLOSED",
  "MEETING_CANCELLED",
  "MEETING_RESCHEDULED",
  "MEMBERS_CHANGED",
  "DECISION_RECORDED",
  "AGENDA_STEPPED_BACK",
  "ACTION_ITEM_ADDED",
  "ACTION_ITEM_CHANGED",
  "MINUTES_DRAFTED",
  "MINUTES_APPROVED",
] as const;
export type AgendaEventKindValue = (typeof AGENDA_EVENT_KINDS)[number];

export const MEETING_EVENT_KINDS = ["MEETING_SCHEDULED", "MEETING_RESCHEDULED", "MEETING_STATUS_CHANGED", "MEMBERSHIP_CHANGED"] as const;
export type MeetingEventKindValue = (typeof MEETING_EVENT_KINDS)[number];

export const ACTION_ITEM_EVENT_KINDS = ["ACTION_ITEM_CREATED", "ACTION_ITEM_UPDATED", "ACTION_ITEM_REASSIGNED_AWAY"] as const;
type ActionItemEventKindValue = (typeof ACTION_ITEM_EVENT_KINDS)[number];

/** What a meeting's view takes of each member: a row (read plainly, for a view) or the entity (in a write). */
export type MemberFields = Pick<MeetingMember, "organizationCode" | "role" | "attendance" | "position"> & {
  pledgedAt?: Date | null;
  joinedAt?: Date | null;
};

export function toMeetingView(meeting: Meeting, members: MemberFields[]): MeetingView {
  return {
    id: meeting.id,
    bodyId: meeting.body.id,
    bodyKind: meeting.body.kind,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt ?? null,
    place: meeting.place ?? null,
    confidential: meeting.confidential,
    status: meeting.status,
    currentItemId: meeting.currentItemId ?? null,
    members: [...members]
      .sort((a, b) => a.position - b.position)
      .map((m) => ({
        organizationCode: m.organizationCode,
        role: m.role,
        attendance: m.attendance,
        pledgedAt: m.pledgedAt ?? null,
        joinedAt: m.joinedAt ?? null,
      })),
  };
}

export function toItemView(item: AgendaItem): ItemView {
  return {
    id: item.id,
    meetingId: item.meeting.id,
    position: item.position,
    kind: item.kind,
    title: item.title,
    description: item.description ?? null,
    presenterCode: item.presenterCode ?? null,
    timeboxMinutes: item.timeboxMinutes ?? null,
    revision: item.revision,
    status: item.status,
    caseId: item.caseId ?? null,
  };
}

/** The meeting as it stands inside the transaction (after flushing pending changes). */
async function currentMeeting(tx: EntityManager, meetingId: string): Promise<MeetingView> {
  await tx.flush();
  const meeting = await tx.findOneOrFail(MeetingEntity, meetingId, { populate: ["body"], refresh: true });
  const members = await tx.find(MeetingMemberEntity, { meeting: meetingId }, { refresh: true });
  return toMeetingView(meeting, members);
}

async function currentAgenda(tx: EntityManager, meetingId: string): Promise<ItemView[]> {
  // Read afresh: an item loaded earlier in the request (another mutation of one document) may be stale.
  const items = await tx.find(AgendaItemEntity, { meeting: meetingId }, { orderBy: { position: "asc" }, refresh: true });
  return items.map(toItemView);
}

/**
 * Publishes an agenda change with the whole agenda as it now stands: built once, here, inside the
 * transaction; subscribers receive it without reading anything.
 */
export async function publishAgendaEvent(tx: EntityManager, meetingId: string, kind: AgendaEventKindValue, itemId?: string): Promise<void> {
  const meeting = await currentMeeting(tx, meetingId);
  const items = await currentAgenda(tx, meetingId);
  await publishEvents(tx, SCHEMA, [
    { topic: topics.agenda(meetingId), kind, payload: { meeting, items, itemId: itemId ?? null } as unknown as Record<string, unknown> },
  ]);
}

/** Tells every member organisation (and any former one in `alsoTo`) that a meeting was scheduled or changed. */
export async function publishMeetingEvent(
  tx: EntityManager,
  meetingId: string,
  kind: MeetingEventKindValue,
  alsoTo: string[] = [],
): Promise<void> {
  const meeting = await currentMeeting(tx, meetingId);
  const codes = new Set([...meeting.members.map((m) => m.organizationCode), ...alsoTo]);
  await publishEvents(
    tx,
    SCHEMA,
    [...codes].map((code) => ({ topic: topics.meetings(code), kind, payload: { meeting } as unknown as Record<string, unknown> })),
  );
}

/** Tells the assignee organisation (and a former one) that one of its action items changed. */
export async function publishActionItemEvent(
  tx: EntityManager,
  item: ActionItem,
  kind: "ACTION_ITEM_CREATED" | "ACTION_ITEM_UPDATED",
  formerAssignee?: string,
): Promise<void> {
  await tx.flush();
  const meeting = await currentMeeting(tx, item.meeting.id);
  const payload = { actionItem: toActionItemSnapshot(item), meeting } as unknown as Record<string, unknown>;
  const events: { topic: string; kind: ActionItemEventKindValue; payload: Record<string, unknown> }[] = [
    { topic: topics.actionItems(item.assigneeCode), kind, payload },
  ];
  if (formerAssignee && formerAssignee !== item.assigneeCode) {
    events.push({ topic: topics.actionItems(formerAssignee), kind: "ACTION_ITEM_REASSIGNED_AWAY", payload });
  }
  await publishEvents(tx, SCHEMA, events);
}
