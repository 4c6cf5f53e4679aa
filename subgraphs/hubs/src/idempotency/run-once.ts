import type { EntityManager } from "@mikro-orm/postgresql";
import { applyOnce, runMutation, type Identity, type MutationResult, type Once } from "@marugoto/shared";
import { SCHEMA } from "../events/hub-events.js";

/**
 * Runs a hubs mutation's work in one transaction on `em`, at most once per idempotency key (none:
 * every call applies), and answers with the id the work returned (or stored, for a retry) or the user
 * errors. The caller reads its payload again from that id.
 */
export function runOnce(
  em: EntityManager,
  identity: Identity,
  once: Once | null,
  apply: (tx: EntityManager) => Promise<string>,
): Promise<MutationResult<string>> {
  return runMutation(em, (tx) => (once ? applyOnce(tx, SCHEMA, identity, once, () => apply(tx)) : apply(tx)));
}
