import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CaseEntity } from "../case/case.entity.js";

export const DISCLOSURE_KINDS = ["SUPPORT_MEETING", "MULTI_LAYERED_SUPPORT_MEETING"] as const;

/**
 * A case disclosed to a meeting's member organisations (会議への情報提供), for that meeting's purpose:
 * a 支援会議 (社会福祉法第106条の6, no consent needed) or a 重層的支援会議 (only while consent covers it).
 */
export const DisclosureEntity = defineEntity({
  name: "Disclosure",
  tableName: "disclosure",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    kind: p.enum(DISCLOSURE_KINDS),
    /** The meeting (owned by the meetings subgraph), by id. */
    meetingId: p.uuid(),
    organizationCodes: p.json<string[]>(),
    purpose: p.string().length(300),
    disclosedBy: p.string().length(200),
    disclosedAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
  },
});
export type Disclosure = InferEntity<typeof DisclosureEntity>;

/** What a review decided of an emergency access. */
export const BREAK_GLASS_OUTCOMES = ["APPROPRIATE", "END_ACCESS"] as const;
export type BreakGlassOutcomeValue = (typeof BREAK_GLASS_OUTCOMES)[number];

/** Emergency access (緊急時の閲覧, break-glass): one person, one case, a reason, a time limit, flagged for review. */
export const BreakGlassEntity = defineEntity({
  name: "BreakGlass",
  tableName: "break_glass",
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    case: () => p.manyToOne(CaseEntity).index(),
    subject: p.string().length(200),
    organizationCode: p.string().length(80),
    reason: p.text(),
    grantedAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    reviewedAt: p.datetime().nullable(),
    reviewedBy: p.string().length(200).nullable(),
    /** The review's outcome; END_ACCESS also ended the access (its expiry moved to the review). */
    reviewOutcome: p.enum(BREAK_GLASS_OUTCOMES).nullable(),
  },
});
export type BreakGlass = InferEntity<typeof BreakGlassEntity>;

/**
 * An organisation that left a case meeting (its chair removed it), recorded when what the meeting was
 * disclosed was withdrawn from it. A disclosure naming it for that meeting is refused unless the
 * meetings subgraph shows it invited again since (`joinedAt` after `departedAt`): a disclosure checked
 * against the meeting just before the removal cannot bring the case back to it.
 */
export const MeetingDepartureEntity = defineEntity({
  name: "MeetingDeparture",
  tableName: "meeting_departure",
  indexes: [{ properties: ["meetingId", "organizationCode"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    /** The meeting (owned by the meetings subgraph), by id. */
    meetingId: p.uuid(),
    organizationCode: p.string().length(80),
    departedAt: p.datetime().onCreate(() => new Date()),
    /** Who removed it (the chair). */
    recordedBy: p.string().length(200),
  },
});

/**
 * A meeting's disclosures are made and withdrawn one at a time (a transaction lock per meeting, in a
 * key space of its own), taken before any case's lock: a withdrawal sees every disclosure made before
 * it, and a disclosure after it sees its departure record.
 */
export const MEETING_DISCLOSURES_LOCK_SQL = `select pg_advisory_xact_lock(hashtext('cases.meeting_disclosures'), hashtext(?))`;
