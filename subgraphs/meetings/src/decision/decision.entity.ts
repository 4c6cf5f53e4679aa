import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";
import { AgendaItemEntity } from "../agenda/agenda-item.entity.js";

/** A decision recorded against an agenda item (決定事項). */
export const DecisionEntity = defineEntity({
  name: "Decision",
  tableName: "decision",
  triggers: [changeNotice("meetings", "decision")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    item: () => p.manyToOne(AgendaItemEntity).index(),
    content: p.text(),
    recordedBy: p.string().length(200),
    decidedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Decision = InferEntity<typeof DecisionEntity>;
