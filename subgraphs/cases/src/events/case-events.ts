import type { EntityManager } from "@mikro-orm/postgresql";
import { publishEvents } from "@marugoto/shared";

export const SCHEMA = "cases";

export const CASE_EVENT_KINDS = [
  "CASE_OPENED",
  "CONSULTATION_ADDED",
  "STATUS_CHANGED",
  "RECORD_ADDED",
  "ASSIGNMENTS_CHANGED",
  "CONSENT_CHANGED",
  "DISCLOSURE_CHANGED",
  "PERSON_UPDATED",
] as const;
export type CaseEventKindValue = (typeof CASE_EVENT_KINDS)[number];

/** Kinds of `sharedCasesChanged` events (topic per organisation, see shared-case-events.ts). */
export const SHARED_CASE_EVENT_KINDS = ["CASE_SHARED", "CASE_UNSHARED"] as const;
export type SharedCaseEventKindValue = (typeof SHARED_CASE_EVENT_KINDS)[number];

export const caseTopic = (caseId: string) => `case:${caseId}`;

/**
 * Case events carry no personal data: only which case and what kind of change. A subscriber's
 * grounds are checked again for every event and the case is read through them, audited.
 */
export function publishCaseEvent(tx: EntityManager, caseId: string, kind: CaseEventKindValue): Promise<unknown> {
  return publishEvents(tx, SCHEMA, [{ topic: caseTopic(caseId), kind, payload: { caseId } }]);
}
