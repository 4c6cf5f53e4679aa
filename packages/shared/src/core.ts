/**
 * The light part of the shared package (configuration, errors, identity signing, logging, paths,
 * the parent watch, Tokyo calendar arithmetic, enum labels), for processes that need no ORM or subgraph server: the gateway loads this
 * instead of the whole package, which saves seconds of CPU at every start.
 */
export * from "./config.js";
export * from "./cursor.js";
export * from "./batch.js";
export * from "./errors.js";
export * from "./nul.js";
export * from "./identity.js";
export * from "./logger.js";
export * from "./paths.js";
export * from "./parent.js";
export * from "./file-ticket.js";
export * from "./metrics.js";
export * from "./dates.js";
export * from "./labels.js";
export * from "./slices.js";
