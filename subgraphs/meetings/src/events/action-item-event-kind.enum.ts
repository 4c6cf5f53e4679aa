import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ACTION_ITEM_EVENT_KINDS } from "./meeting-events.js";

export const ActionItemEventKind = enumFrom([...ACTION_ITEM_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(ActionItemEventKind, {
  name: "ActionItemEventKind",
  description: "What happened to an action item of an organisation (REASSIGNED_AWAY: it now belongs to another).",
  valuesConfig: {
    ACTION_ITEM_CREATED: { description: "An action item was created for the organisation." },
    ACTION_ITEM_UPDATED: { description: "Its status or assignee changed." },
    ACTION_ITEM_REASSIGNED_AWAY: { description: "It was given to another organisation: the organisation it was taken from is told so." },
    CAUGHT_UP: { description: "The end of a replay (with `markCaughtUp`): its cursor only; what follows is live." },
  },
});
