import type { ActionItem, ActionStatusValue } from "./action-item.entity.js";
import type { ActionItemSnapshot } from "../events/meeting-events.js";

/** An action item as resolvers see it: from a row or from an event's snapshot. */
export interface ActionItemView {
  id: string;
  meetingId: string;
  itemId: string | null;
  title: string;
  assigneeCode: string;
  assigneePerson: string | null;
  dueDate: string | null;
  status: ActionStatusValue;
  updatedAt: Date;
}

export const actionItemView = (a: ActionItem): ActionItemView => ({
  id: a.id,
  meetingId: a.meeting.id,
  itemId: a.item?.id ?? null,
  title: a.title,
  assigneeCode: a.assigneeCode,
  assigneePerson: a.assigneePerson ?? null,
  dueDate: a.dueDate ?? null,
  status: a.status,
  updatedAt: a.updatedAt,
});

export const actionItemFromSnapshot = (s: ActionItemSnapshot): ActionItemView => ({ ...s, updatedAt: new Date(s.updatedAt) });
