import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { HUB_STATUSES, HubEntity } from "./hub.entity.js";

/**
 * A change of a hub's status (休止, 再開, 廃止), from the day it took effect (Asia/Tokyo). A hub's
 * history decides which past months the monthly rule applies to it: a month it was suspended in is
 * no failure of that month. Before its first change a hub was active.
 */
export const HubStatusChangeEntity = defineEntity({
  name: "HubStatusChange",
  tableName: "hub_status_change",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    hub: () => p.manyToOne(HubEntity).index(),
    status: p.enum(HUB_STATUSES),
    effectiveOn: p.date(),
    reason: p.text().nullable(),
    recordedBy: p.string().length(200),
    recordedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type HubStatusChange = InferEntity<typeof HubStatusChangeEntity>;
