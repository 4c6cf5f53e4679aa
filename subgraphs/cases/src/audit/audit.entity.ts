import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** Grounds on which case data may be read (閲覧の根拠). */
export const GROUNDS = ["ASSIGNMENT", "CONSENT", "SUPPORT_MEETING", "MULTI_LAYERED_SUPPORT_MEETING", "BREAK_GLASS"] as const;
export type GroundValue = (typeof GROUNDS)[number];

const APPEND_ONLY = "raise exception 'audit_entry is append-only'";

/**
 * One read of case data: who, which organisation, when, which case, on which ground, in which
 * operation. Append-only: a trigger refuses UPDATE and DELETE, whoever asks (and the migration adds
 * one for TRUNCATE, a statement trigger the schema diff does not track).
 */
export const AuditEntryEntity = defineEntity({
  name: "AuditEntry",
  tableName: "audit_entry",
  triggers: [{ name: "audit_entry_no_change", timing: "before", events: ["update", "delete"], forEach: "row", body: APPEND_ONLY }],
  indexes: [{ properties: ["caseId", "at"] }, { properties: ["organizationCode", "at"] }],
  properties: {
    seq: p.bigint("number").primary().autoincrement(),
    at: p.datetime().onCreate(() => new Date()),
    subject: p.string().length(200),
    organizationCode: p.string().length(80),
    caseId: p.uuid(),
    ground: p.enum(GROUNDS),
    operation: p.string().length(200),
    /** True for break-glass reads: they wait for review. */
    flagged: p.boolean().default(false),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntryEntity>;
