import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { AGENDA_EVENT_KINDS } from "./meeting-events.js";

/** What a live agenda stream carries: every published kind, and the mark of a replay's end. */
export const AgendaEventKind = enumFrom([...AGENDA_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(AgendaEventKind, { name: "AgendaEventKind", description: "What changed on a live agenda." });
