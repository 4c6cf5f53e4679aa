import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CaseEntity } from "../case/case.entity.js";
import { PersonEntity } from "../person/person.entity.js";

export const SITE_KINDS = ["WELFARE_FACILITY", "NON_WELFARE_PARTNER"] as const;

/** A place that offers チャレンジ就労: a facility of the 52-facility network, or a new non-welfare partner. */
export const ParticipationSiteEntity = defineEntity({
  name: "ParticipationSite",
  tableName: "participation_site",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    code: p.string().length(80).unique(),
    name: p.string().length(200),
    kind: p.enum(SITE_KINDS),
    /** The site's organisation in the directory, when it has one (network facilities do). */
    organizationCode: p.string().length(80).nullable(),
    active: p.boolean().default(true),
    joinedOn: p.date(),
  },
});
export type ParticipationSite = InferEntity<typeof ParticipationSiteEntity>;

/**
 * A person's チャレンジ就労 at a site (中間的就労): no employment contract, so no wage — an activity fee
 * per session paid by the facilities' council, at most three sessions a week, monitored every 3 months.
 */
export const PlacementEntity = defineEntity({
  name: "Placement",
  tableName: "placement",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    person: () => p.manyToOne(PersonEntity),
    site: () => p.manyToOne(ParticipationSiteEntity).index(),
    startedOn: p.date(),
    endedOn: p.date().nullable(),
    lastMonitoredOn: p.date().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Placement = InferEntity<typeof PlacementEntity>;

/** One session of チャレンジ就労, with its activity fee (活動費). */
export const WorkSessionEntity = defineEntity({
  name: "WorkSession",
  tableName: "work_session",
  uniques: [{ properties: ["placement", "date"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    placement: () => p.manyToOne(PlacementEntity).index(),
    date: p.date(),
    feeYen: p.integer(),
    recordedBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type WorkSession = InferEntity<typeof WorkSessionEntity>;
