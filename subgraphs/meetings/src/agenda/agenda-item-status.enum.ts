import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ITEM_STATUSES } from "./agenda-item.entity.js";

export const AgendaItemStatus = enumFrom(ITEM_STATUSES);
registerEnumType(AgendaItemStatus, {
  name: "AgendaItemStatus",
  description: "Where an agenda item stands.",
  valuesConfig: {
    PENDING: { description: "未協議." },
    CURRENT: { description: "協議中: the item under discussion now." },
    DONE: { description: "協議済み." },
    DEFERRED: { description: "先送り." },
  },
});
