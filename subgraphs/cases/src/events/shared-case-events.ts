import type { EntityManager } from "@mikro-orm/postgresql";
import { publishEvents } from "@marugoto/shared";
import { organizationsSharing } from "../access/access.service.js";
import { SCHEMA, type SharedCaseEventKindValue } from "./case-events.js";

/** One topic per organisation: the cases it newly sees, and those it no longer sees. */
export const sharedCasesTopic = (organizationCode: string) => `shared-cases:${organizationCode}`;

/** What a shared-case event carries: which case, for which organisation; nothing of the person. */
export interface SharedCaseEventPayload {
  caseId: string;
  organizationCode: string;
}

/**
 * Call before a change that may share or unshare a case (an assignment, a consent, a disclosure, a
 * new case); `publish()` after it, in the same transaction, announces the difference to each
 * organisation whose view changed (`sharedCasesChanged`).
 */
export async function trackShares(tx: EntityManager, caseId: string | null): Promise<{ publish(caseId?: string): Promise<void> }> {
  const before = caseId ? await organizationsSharing(tx, caseId) : new Set<string>();
  return {
    async publish(id = caseId ?? undefined) {
      if (!id) return;
      await tx.flush();
      const after = await organizationsSharing(tx, id);
      const event = (organizationCode: string, kind: SharedCaseEventKindValue) => ({
        topic: sharedCasesTopic(organizationCode),
        kind,
        payload: { caseId: id, organizationCode } satisfies SharedCaseEventPayload,
      });
      await publishEvents(tx, SCHEMA, [
        ...[...after]
          .filter((o) => !before.has(o))
          .sort()
          .map((o) => event(o, "CASE_SHARED")),
        ...[...before]
          .filter((o) => !after.has(o))
          .sort()
          .map((o) => event(o, "CASE_UNSHARED")),
      ]);
    },
  };
}
