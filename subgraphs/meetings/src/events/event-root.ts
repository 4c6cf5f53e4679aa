import { encodeCursor, type StoredEvent } from "@marugoto/shared";
import type { ActionItemView } from "../action-item/action-item.view.js";
import type { ItemView, MeetingView } from "../meeting/meeting.view.js";

/** What every event a subscription delivers carries. */
export interface EventRoot {
  cursor: string;
  kind: string;
  occurredAt: Date;
}
export interface AgendaEventRoot extends EventRoot {
  meeting: MeetingView;
  agenda: ItemView[];
  itemId: string | null;
}
export interface MeetingEventRoot extends EventRoot {
  meeting: MeetingView;
}
export interface ActionItemEventRoot extends EventRoot {
  actionItem: ActionItemView;
}

export const eventBase = (event: StoredEvent): EventRoot => ({
  cursor: encodeCursor(event.seq),
  kind: event.kind,
  occurredAt: event.createdAt,
});
