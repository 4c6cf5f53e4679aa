import type { EntityManager } from "@mikro-orm/postgresql";
import { mutateOnce as mutateOnceIn, type MutationResult, type Once } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { SCHEMA } from "../events/hub-events.js";

/**
 * Runs a hubs mutation's work in one transaction, at most once per idempotency key (none: every call
 * applies), and answers with the id the work returned (or stored, for a retry) or the user errors.
 * The context is then renewed: the payload, and every later field of the request (another aliased
 * mutation's included), is read through fresh loaders, as committed.
 */
export function mutateOnce(ctx: HubsContext, once: Once, apply: (tx: EntityManager) => Promise<string>): Promise<MutationResult<string>> {
  return mutateOnceIn(ctx, SCHEMA, once, apply);
}
