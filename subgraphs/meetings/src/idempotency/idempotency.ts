/** The meetings subgraph keys its mutations with the shared idempotency rules. */
export { IDEMPOTENCY_KEY_ARG, type Once } from "@marugoto/shared";
