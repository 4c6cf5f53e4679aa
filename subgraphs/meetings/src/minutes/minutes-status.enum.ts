import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { MINUTES_STATUSES } from "./minutes.entity.js";

export const MinutesStatus = enumFrom(MINUTES_STATUSES);
registerEnumType(MinutesStatus, {
  name: "MinutesStatus",
  description: "Where minutes stand.",
  valuesConfig: { DRAFT: { description: "下書き." }, APPROVED: { description: "承認済み: locked." } },
});
