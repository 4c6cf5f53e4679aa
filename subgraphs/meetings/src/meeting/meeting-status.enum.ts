import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { MEETING_STATUSES } from "./meeting.entity.js";

export const MeetingStatus = enumFrom(MEETING_STATUSES);
registerEnumType(MeetingStatus, {
  name: "MeetingStatus",
  description: "Where a meeting stands (会議の状態).",
  valuesConfig: {
    SCHEDULED: { description: "予定: not yet opened." },
    IN_PROGRESS: { description: "開会中." },
    ADJOURNED: { description: "休会: paused, may be opened again." },
    CLOSED: { description: "終了: nothing on its agenda changes any more." },
    CANCELLED: { description: "中止: called off before it opened; nothing about it changes any more." },
  },
});
