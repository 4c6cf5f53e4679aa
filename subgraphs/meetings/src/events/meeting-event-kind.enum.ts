import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { MEETING_EVENT_KINDS } from "./meeting-events.js";

export const MeetingEventKind = enumFrom(MEETING_EVENT_KINDS);
registerEnumType(MeetingEventKind, { name: "MeetingEventKind", description: "What happened to a meeting of an organisation." });
