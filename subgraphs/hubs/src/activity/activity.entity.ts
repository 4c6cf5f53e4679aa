import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { HubEntity } from "../hub/hub.entity.js";

export const ACTIVITY_KINDS = ["SALON", "EXERCISE", "PROFESSIONAL_CONSULTATION", "OTHER"] as const;
export type ActivityKindValue = (typeof ACTIVITY_KINDS)[number];

/** Who staffed a session, by kind (counts only: no names). */
export interface ActivityStaff {
  districtCouncil: number;
  neighbourhoodOfficers: number;
  welfareCommissioners: number;
  professionals: number;
}

/** One session a hub held (活動). Its month is the month of `startsAt` in Asia/Tokyo. */
export const ActivityEntity = defineEntity({
  name: "Activity",
  tableName: "activity",
  indexes: [{ properties: ["hub", "startsAt"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    hub: () => p.manyToOne(HubEntity),
    startsAt: p.datetime(),
    kind: p.enum(ACTIVITY_KINDS),
    title: p.string().length(200).nullable(),
    participants: p.integer(),
    staff: p.json<ActivityStaff>(),
    notes: p.text().nullable(),
    recordedBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Activity = InferEntity<typeof ActivityEntity>;
