import type { EntityManager } from "@mikro-orm/postgresql";
import { mutateAndRenew, type MutationResult } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { applyOnce, type Once } from "./idempotency.js";

/**
 * Runs a mutation's work in one transaction, at most once per idempotency key, and answers with the
 * id the work returned (or stored, for a retry) or the user errors. The context then reads through
 * a fresh EntityManager, so the payload shows the state as committed.
 */
export async function mutateOnce(
  ctx: MeetingsContext,
  once: Once,
  apply: (tx: EntityManager) => Promise<string>,
): Promise<MutationResult<string>> {
  return mutateAndRenew(ctx, (tx) => applyOnce(tx, ctx.identity, once.key, once.operation, once.args, () => apply(tx)));
}
