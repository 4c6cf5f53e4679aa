import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { DistrictEntity } from "../district/district.entity.js";

export const HUB_STATUSES = ["ACTIVE", "SUSPENDED", "CLOSED"] as const;
export type HubStatusValue = (typeof HUB_STATUSES)[number];

/** A community hub (地域づくり拠点), run by its district council under contract with 市社協. */
export const HubEntity = defineEntity({
  name: "Hub",
  tableName: "hub",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    code: p.string().length(40).unique(),
    name: p.string().length(200),
    district: () => p.manyToOne(DistrictEntity).index(),
    operatorCode: p.string().length(80),
    openedFiscalYear: p.integer(),
    /** The day it opened (Asia/Tokyo), for a hub opened through `openHub`; null for those before. */
    openedOn: p.date().nullable(),
    closedFiscalYear: p.integer().nullable(),
    place: p.string().length(200).nullable(),
    status: p.enum(HUB_STATUSES).default("ACTIVE"),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Hub = InferEntity<typeof HubEntity>;
