import { fileURLToPath } from "node:url";
import type { SubgraphDefinition } from "@marugoto/shared";
import { createDirectoryContext, type DirectoryContext } from "./context.js";
import { buildDirectorySchema, directoryEntities } from "./schema.js";
import { seedDirectory } from "./seed/seed.service.js";

/** Everything needed to boot the directory subgraph (process, tests, e2e stack). */
export const directorySubgraph: SubgraphDefinition<DirectoryContext> = {
  name: "directory",
  defaultPort: 4001,
  entities: directoryEntities,
  migrationsPath: fileURLToPath(new URL("./migrations", import.meta.url)),
  buildSchema: buildDirectorySchema,
  createContext: createDirectoryContext,
  seed: seedDirectory,
  // Reference data without mutations: answers are kept per caller scope (`me` is the caller's own)
  // and cleared by the NOTIFY triggers of Migration20261129172530 when the tables change.
  keepsAnswers: true,
};
