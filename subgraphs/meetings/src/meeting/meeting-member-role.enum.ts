import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { MEMBER_ROLES } from "./meeting.entity.js";

export const MeetingMemberRole = enumFrom(MEMBER_ROLES);
registerEnumType(MeetingMemberRole, {
  name: "MeetingMemberRole",
  description: "A member organisation's role in one meeting.",
  valuesConfig: {
    CHAIR: { description: "議長: edits the agenda, approves the minutes." },
    SECRETARY: { description: "書記: named by the chair; edits the agenda." },
    MEMBER: { description: "構成員: reads." },
  },
});
