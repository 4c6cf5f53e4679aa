/**
 * Development and test helpers (`@marugoto/shared/dev`): the embedded PostgreSQL, free ports and
 * scratch databases. Scripts, tests and benchmarks import them from here; runtime code never does,
 * so a service's imports do not pull them in.
 */
export * from "./embedded-postgres.js";
export * from "./database.js";
