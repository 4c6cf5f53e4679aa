import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ITEM_KINDS } from "./agenda-item.entity.js";

export const AgendaItemKind = enumFrom(ITEM_KINDS);
registerEnumType(AgendaItemKind, {
  name: "AgendaItemKind",
  description: "Kind of agenda item (議題の種類).",
  valuesConfig: {
    CASE: { description: "個別ケース: only on bodies that may handle individual cases; contents shown after the confidentiality pledge." },
    TOPIC: { description: "検討課題: a theme for discussion." },
    REPORT: { description: "報告." },
  },
});
