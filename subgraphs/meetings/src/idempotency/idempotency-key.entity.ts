import { idempotencyKeyEntity } from "@marugoto/shared";

/** A meetings mutation already applied under a caller's idempotency key (`meetings.idempotency_key`). */
export const IdempotencyKeyEntity = idempotencyKeyEntity();
