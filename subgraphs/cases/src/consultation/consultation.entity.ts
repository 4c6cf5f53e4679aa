import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CaseEntity } from "../case/case.entity.js";

export const SOURCE_KINDS = ["AGENCY", "CITY_SECTION", "HUB", "WELFARE_COMMISSIONER", "OTHER"] as const;
export type SourceKindValue = (typeof SOURCE_KINDS)[number];
export const CONSENT_ANSWERS = ["GIVEN", "REFUSED", "NOT_ASKED"] as const;
export type ConsentAnswerValue = (typeof CONSENT_ANSWERS)[number];

/** Problem areas of the intake checklist (相談内容の分野). */
export const PROBLEM_AREAS = [
  "LIVELIHOOD",
  "DEBT",
  "EMPLOYMENT",
  "HOUSING",
  "HEALTH",
  "MENTAL_HEALTH",
  "DISABILITY",
  "ELDERLY_CARE",
  "CHILD_REARING",
  "ABUSE",
  "WITHDRAWAL",
  "FAMILY",
  "OTHER",
] as const;
export type ProblemAreaValue = (typeof PROBLEM_AREAS)[number];

/** A consultation received (相談受付). */
export const ConsultationEntity = defineEntity({
  name: "Consultation",
  tableName: "consultation",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    receivedOn: p.date(),
    receivedByCode: p.string().length(80),
    takenBy: p.string().length(100),
    sourceKind: p.enum(SOURCE_KINDS),
    /** When a community hub passed the worry on: the hub (owned by the hubs subgraph), by id. */
    sourceHubId: p.uuid().nullable(),
    visitor: p.string().length(100).nullable(),
    visitorRelation: p.string().length(40).nullable(),
    problemAreas: p.json<ProblemAreaValue[]>(),
    mainProblemArea: p.enum(PROBLEM_AREAS),
    narrative: p.text().nullable(),
    consentAnswer: p.enum(CONSENT_ANSWERS),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Consultation = InferEntity<typeof ConsultationEntity>;
