import { defineEntity, p } from "@mikro-orm/core";

/**
 * A meetings mutation already applied under a caller's idempotency key: a retry with the same key
 * answers with the stored result instead of applying again. Written in the mutation's transaction.
 */
export const IdempotencyKeyEntity = defineEntity({
  name: "IdempotencyKey",
  tableName: "idempotency_key",
  properties: {
    /** The caller (`sub` of the identity): keys are the caller's own, never shared. */
    callerSub: p.string().length(200).primary(),
    key: p.string().length(200).primary(),
    /** The mutation field, e.g. `addAgendaItem`. */
    operation: p.string().length(60),
    /** sha256 of the mutation's arguments: the same key with other arguments is refused. */
    requestHash: p.string().length(64),
    /** What the mutation answered with: the id of the item, meeting, decision or action item. */
    resultId: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
