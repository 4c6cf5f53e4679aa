import type { Identity } from "@marugoto/shared";
import type { ActionItem, ActionStatusValue } from "./action-item.entity.js";
import { actionItemAccess, REDACTED_ACTION_ITEM_TITLE, type MeetingView } from "../meeting/meeting.view.js";

/** An action item as resolvers see it: from a row or from an event's snapshot. */
export interface ActionItemView {
  id: string;
  meetingId: string;
  itemId: string | null;
  /** Whether it came from a case item (null: its agenda item was removed; undefined: an older snapshot). */
  caseItem?: boolean | null;
  title: string;
  assigneeCode: string;
  assigneePerson: string | null;
  dueDate: string | null;
  status: ActionStatusValue;
  updatedAt: Date;
  /** True when the title is withheld from this caller (a case task before the pledge). */
  redacted?: boolean;
}

/** The row's agenda item must be loaded; if it is not, the item counts as a case item (fail closed). */
export const actionItemView = (a: ActionItem): ActionItemView => ({
  id: a.id,
  meetingId: a.meeting.id,
  itemId: a.item?.id ?? null,
  caseItem: a.item ? (a.item.kind === undefined ? true : a.item.kind === "CASE") : null,
  title: a.title,
  assigneeCode: a.assigneeCode,
  assigneePerson: a.assigneePerson ?? null,
  dueDate: a.dueDate ?? null,
  status: a.status,
  updatedAt: a.updatedAt,
});

/** The item as this caller may see it (`actionItemAccess`), or null. */
export function actionItemFor(
  meeting: MeetingView | null,
  identity: Identity,
  view: ActionItemView,
  formerAssignee?: string,
): ActionItemView | null {
  if (!meeting || meeting.id !== view.meetingId) return null;
  switch (actionItemAccess(meeting, identity, view, formerAssignee)) {
    case "FULL":
      return { ...view, redacted: false };
    case "REDACTED":
      return { ...view, title: REDACTED_ACTION_ITEM_TITLE, redacted: true };
    default:
      return null;
  }
}
