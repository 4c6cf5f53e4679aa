import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { MEETING_EVENT_KINDS } from "./meeting-events.js";

export const MeetingEventKind = enumFrom([...MEETING_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(MeetingEventKind, {
  name: "MeetingEventKind",
  description: "What happened to a meeting of an organisation.",
  valuesConfig: {
    MEETING_SCHEDULED: { description: "A sitting was scheduled (開催予定)." },
    MEETING_RESCHEDULED: { description: "The meeting was moved to a new time or place." },
    MEETING_STATUS_CHANGED: { description: "The meeting was opened, adjourned, closed or cancelled." },
    MEMBERSHIP_CHANGED: { description: "An organisation was invited to or removed from the meeting." },
    CAUGHT_UP: { description: "The end of a replay (with `markCaughtUp`): its cursor only; what follows is live." },
  },
});
