import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CaseEntity } from "../case/case.entity.js";

export const ASSIGNMENT_ROLES = ["LEAD", "COORDINATOR", "SUPPORT"] as const;
export type AssignmentRoleValue = (typeof ASSIGNMENT_ROLES)[number];

/** An organisation assigned to a case (担当): lead (主担当), multi-agency coordinator (多機関協働), support. */
export const AssignmentEntity = defineEntity({
  name: "Assignment",
  tableName: "assignment",
  indexes: [{ properties: ["organizationCode", "endedAt"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    organizationCode: p.string().length(80),
    role: p.enum(ASSIGNMENT_ROLES),
    assignedBy: p.string().length(200),
    assignedAt: p.datetime().onCreate(() => new Date()),
    endedAt: p.datetime().nullable(),
  },
});
export type Assignment = InferEntity<typeof AssignmentEntity>;

export const REFERRAL_STATUSES = ["SENT", "ACCEPTED", "DECLINED"] as const;

/** A referral between organisations (つなぎ): sent, then accepted (which assigns) or declined with a reason. */
export const ReferralEntity = defineEntity({
  name: "Referral",
  tableName: "referral",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    fromCode: p.string().length(80),
    toCode: p.string().length(80).index(),
    note: p.text().nullable(),
    status: p.enum(REFERRAL_STATUSES).default("SENT"),
    declineReason: p.text().nullable(),
    sentAt: p.datetime().onCreate(() => new Date()),
    respondedAt: p.datetime().nullable(),
  },
});
export type Referral = InferEntity<typeof ReferralEntity>;
