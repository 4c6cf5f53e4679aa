import { idempotencyKeyEntity } from "@marugoto/shared";

/** A cases mutation already applied under a caller's idempotency key (`cases.idempotency_key`): the result id only, never case data. */
export const IdempotencyKeyEntity = idempotencyKeyEntity();
