import type { EntityManager } from "@mikro-orm/postgresql";
import { mutateOnce as mutateOnceIn, type MutationResult, type Once } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { SCHEMA } from "../events/meeting-events.js";

/**
 * Runs a mutation's work in one transaction, at most once per idempotency key, and answers with the
 * id the work returned (or stored, for a retry) or the user errors. The context then reads through
 * a fresh EntityManager, so the payload shows the state as committed.
 */
export function mutateOnce(
  ctx: MeetingsContext,
  once: Once,
  apply: (tx: EntityManager) => Promise<string>,
): Promise<MutationResult<string>> {
  return mutateOnceIn(ctx, SCHEMA, once, apply);
}
