import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CaseEntity } from "../case/case.entity.js";

/** アセスメント: the household's situation by area. */
export const AssessmentEntity = defineEntity({
  name: "Assessment",
  tableName: "assessment",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    household: p.text().nullable(),
    work: p.text().nullable(),
    housing: p.text().nullable(),
    insurance: p.text().nullable(),
    pension: p.text().nullable(),
    /** Problems by area: `{ DEBT: "…", HEALTH: "…" }`. */
    problems: p.json<Record<string, string>>(),
    recordedBy: p.string().length(200),
    recordedByOrg: p.string().length(80),
    recordedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Assessment = InferEntity<typeof AssessmentEntity>;

export interface PlanRole {
  organizationCode: string;
  what: string;
  frequency: string | null;
  until: string | null;
}

/** 支援プラン: goals, direction, each organisation's role, referrals, the person's agreement. */
export const SupportPlanEntity = defineEntity({
  name: "SupportPlan",
  tableName: "support_plan",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    version: p.integer(),
    goals: p.text(),
    direction: p.text(),
    roles: p.json<PlanRole[]>(),
    referParticipationSupport: p.boolean().default(false),
    referOutreach: p.boolean().default(false),
    personAgreed: p.boolean().default(false),
    agreedOn: p.date().nullable(),
    recordedBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type SupportPlan = InferEntity<typeof SupportPlanEntity>;

export const PROGRESS_METHODS = ["VISIT", "PHONE", "OFFICE", "MEETING", "ACCOMPANIMENT", "OTHER"] as const;

/** 支援の実施: one entry of the progress log. */
export const ProgressEntryEntity = defineEntity({
  name: "ProgressEntry",
  tableName: "progress_entry",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    date: p.date(),
    method: p.enum(PROGRESS_METHODS),
    staff: p.string().length(100),
    organizationCode: p.string().length(80),
    content: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ProgressEntry = InferEntity<typeof ProgressEntryEntity>;

export const EVALUATION_OUTCOMES = ["CLOSE", "CONTINUE", "REPLAN", "SUSPEND", "END_COLLABORATION"] as const;

/** モニタリング・評価. */
export const MonitoringEntity = defineEntity({
  name: "Monitoring",
  tableName: "monitoring",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    date: p.date(),
    goalsMet: p.boolean(),
    evaluation: p.text(),
    outcome: p.enum(EVALUATION_OUTCOMES).nullable(),
    recordedBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Monitoring = InferEntity<typeof MonitoringEntity>;
