import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ACTION_ITEM_EVENT_KINDS } from "./meeting-events.js";

export const ActionItemEventKind = enumFrom(ACTION_ITEM_EVENT_KINDS);
registerEnumType(ActionItemEventKind, {
  name: "ActionItemEventKind",
  description: "What happened to an action item of an organisation (REASSIGNED_AWAY: it now belongs to another).",
});
