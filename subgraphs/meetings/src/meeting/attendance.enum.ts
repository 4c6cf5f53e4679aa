import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ATTENDANCE } from "./meeting.entity.js";

export const Attendance = enumFrom(ATTENDANCE);
registerEnumType(Attendance, {
  name: "Attendance",
  description: "Attendance of a member organisation (出欠).",
  valuesConfig: { UNKNOWN: { description: "未確認." }, PRESENT: { description: "出席." }, ABSENT: { description: "欠席." } },
});
