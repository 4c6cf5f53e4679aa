import type { EntityManager } from "@mikro-orm/postgresql";
import { lockRow } from "@marugoto/shared";
import { SCHEMA } from "../events/case-events.js";

/**
 * The case's row lock, until the transaction ends. Every write on a case takes it before it reads
 * what it decides on (the status, who is assigned, a referral's answer, a consent or disclosure still
 * in force), and reads those afresh after it: two writers on one case then run one after the other,
 * the second judged by what the first committed — never both from the same stale state. Readers are
 * not held up. Taken before the outbox's advisory lock (`publishEvents`), always; what the write then
 * decides on is read on its own transaction (`CaseService.requireAssigned`), never on a second
 * connection, which a write holding the lock could wait for forever once the pool is all such writes.
 */
export async function lockCase(tx: EntityManager, caseId: string): Promise<void> {
  // FOR NO KEY UPDATE: writers of the case wait for each other, while rows that only refer to it (an
  // audit row, a break-glass) are still written beside them.
  await lockRow(tx, SCHEMA, "support_case", caseId, "no key update");
}
