import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Holds, until the transaction ends, the right to open or end one person's emergency accesses to one
 * case: an access opened while a review ends that person's others waits for the review and then sees
 * it (BREAK_GLASS_ENDED), and a review sees every access committed before it. Each statement after
 * the lock reads what was committed before it (READ COMMITTED).
 */
export async function lockBreakGlassOf(tx: EntityManager, caseId: string, subject: string): Promise<void> {
  await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`break_glass:${caseId}:${subject}`]);
}
