import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { HouseholdEntity, PersonEntity } from "../person/person.entity.js";

/** The support lifecycle (DOMAIN.md "The case lifecycle"). */
export const CASE_STATUSES = [
  "RECEIVED",
  "ACCEPTED",
  "ASSESSMENT",
  "PLANNING",
  "IN_CONFERENCE",
  "DECIDED",
  "IN_SUPPORT",
  "MONITORING",
  "EVALUATION",
  "SUSPENDED",
  "COLLABORATION_ENDED",
  "CLOSED",
] as const;
export type CaseStatusValue = (typeof CASE_STATUSES)[number];

/** A case (ケース): a household's support, naming its main person. */
export const CaseEntity = defineEntity({
  name: "Case",
  tableName: "support_case",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    caseNumber: p.string().length(30).unique(),
    household: () => p.manyToOne(HouseholdEntity),
    mainPerson: () => p.manyToOne(PersonEntity),
    status: p.enum(CASE_STATUSES).default("RECEIVED"),
    /** 複雑化・複合化: decided at intake; such cases go to multi-agency collaboration (多機関協働). */
    complex: p.boolean().nullable(),
    nextReviewDate: p.date().nullable(),
    openedOn: p.date(),
    closedAt: p.datetime().nullable(),
    collaborationEndedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Case = InferEntity<typeof CaseEntity>;

/**
 * A case's row as a read shows it: its columns by property name, its household and main person as ids.
 * A plain frozen object, not an entity: nothing of a read is ever written back, and mapping a row into
 * each reader's own identity map (2,000 readers of one case for a live agenda event) cost 25 µs per
 * reader where this costs 1.
 */
export type CaseRow = Readonly<
  Omit<Case, "household" | "mainPerson" | "createdAt" | "updatedAt"> & {
    household: Readonly<{ id: string }>;
    mainPerson: Readonly<{ id: string }>;
  }
>;

/** Every status change: who, when, why (遷移記録). */
export const CaseTransitionEntity = defineEntity({
  name: "CaseTransition",
  tableName: "case_transition",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    fromStatus: p.enum(CASE_STATUSES).nullable(),
    toStatus: p.enum(CASE_STATUSES),
    reason: p.text().nullable(),
    actor: p.string().length(200),
    actorOrg: p.string().length(80),
    at: p.datetime().onCreate(() => new Date()),
  },
});
export type CaseTransition = InferEntity<typeof CaseTransitionEntity>;
