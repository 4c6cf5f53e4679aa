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
/** `meeting` is null only on `CAUGHT_UP`. */
export interface MeetingEventRoot extends EventRoot {
  meeting: MeetingView | null;
}
/** `actionItem` is null only on `CAUGHT_UP`. */
export interface ActionItemEventRoot extends EventRoot {
  actionItem: ActionItemView | null;
}

export const eventBase = (event: StoredEvent): EventRoot => ({
  cursor: encodeCursor(event.seq),
  kind: event.kind,
  occurredAt: event.createdAt,
});
