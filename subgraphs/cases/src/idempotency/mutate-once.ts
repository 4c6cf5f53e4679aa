import type { EntityManager } from "@mikro-orm/postgresql";
import { mutateOnce as mutateOnceIn, type MutationResult, type Once } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import { SCHEMA } from "../events/case-events.js";

/**
 * Runs a cases mutation's work in one transaction, at most once per idempotency key, and answers with
 * the id the work returned (or stored, for a retry) or the user errors; then renews the context. The
 * caller reads its payload from that id through the access-checked path: a retry shows what the
 * caller may see now, never a stored copy.
 */
export function mutateOnce(ctx: CasesContext, once: Once, apply: (tx: EntityManager) => Promise<string>): Promise<MutationResult<string>> {
  return mutateOnceIn(ctx, SCHEMA, once, apply);
}
