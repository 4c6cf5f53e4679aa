import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ACTION_STATUSES } from "./action-item.entity.js";

export const ActionItemStatus = enumFrom(ACTION_STATUSES);
registerEnumType(ActionItemStatus, {
  name: "ActionItemStatus",
  description: "Where an action item stands.",
  valuesConfig: {
    OPEN: { description: "未着手." },
    IN_PROGRESS: { description: "対応中." },
    DONE: { description: "完了." },
    CANCELLED: { description: "取り消し (by the chair)." },
  },
});
