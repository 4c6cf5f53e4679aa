import type { ActionItem } from "./action-item.entity.js";
import { actionItemView, type ActionItemView } from "./action-item.view.js";

/** An action item as stored in an event: its view, with the date as JSON carries it. */
export type ActionItemSnapshot = Omit<ActionItemView, "updatedAt"> & { updatedAt: string };

/** The snapshot an event stores of an action item (its agenda item loaded, as `actionItemView` needs). */
export function toActionItemSnapshot(item: ActionItem): ActionItemSnapshot {
  const view = actionItemView(item);
  return { ...view, updatedAt: view.updatedAt.toISOString() };
}

/** The view back from an event's snapshot. */
export const actionItemFromSnapshot = (s: ActionItemSnapshot): ActionItemView => ({ ...s, updatedAt: new Date(s.updatedAt) });
