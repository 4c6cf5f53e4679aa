import { idempotencyKeyEntity } from "@marugoto/shared";

/** A hubs mutation already applied under a caller's idempotency key (`hubs.idempotency_key`). */
export const IdempotencyKeyEntity = idempotencyKeyEntity();
