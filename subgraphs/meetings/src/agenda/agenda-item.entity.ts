import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";
import { MeetingEntity } from "../meeting/meeting.entity.js";

export const ITEM_KINDS = ["CASE", "TOPIC", "REPORT"] as const;
export type ItemKindValue = (typeof ITEM_KINDS)[number];
export const ITEM_STATUSES = ["PENDING", "CURRENT", "DONE", "DEFERRED"] as const;
export type ItemStatusValue = (typeof ITEM_STATUSES)[number];

/** One item of a meeting's agenda (議題). */
export const AgendaItemEntity = defineEntity({
  name: "AgendaItem",
  tableName: "agenda_item",
  triggers: [changeNotice("meetings", "agenda_item")],
  indexes: [{ properties: ["meeting", "position"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    meeting: () => p.manyToOne(MeetingEntity),
    position: p.integer(),
    kind: p.enum(ITEM_KINDS),
    title: p.string().length(200),
    description: p.text().nullable(),
    presenterCode: p.string().length(80).nullable(),
    timeboxMinutes: p.integer().nullable(),
    /** Revision of the contents (title, description, presenter, time allowed): one more at every edit. */
    revision: p.integer().default(1),
    status: p.enum(ITEM_STATUSES).default("PENDING"),
    /** For a case item: the case (owned by the cases subgraph), by id only. */
    caseId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type AgendaItem = InferEntity<typeof AgendaItemEntity>;
