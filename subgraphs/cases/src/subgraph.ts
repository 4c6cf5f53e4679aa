import { fileURLToPath } from "node:url";
import type { SubgraphDefinition } from "@marugoto/shared";
import { createCasesContext, createCasesGroupContext, startCasesRuntime, type CasesContext, type CasesRuntime } from "./context.js";
import { buildCasesSchema, casesEntities } from "./schema.js";
import { seedCases } from "./seed/seed.service.js";

/** Everything needed to boot the cases subgraph (process, tests, e2e stack). */
export const casesSubgraph: SubgraphDefinition<CasesContext, CasesRuntime> = {
  name: "cases",
  defaultPort: 4003,
  entities: casesEntities,
  migrationsPath: fileURLToPath(new URL("./migrations", import.meta.url)),
  buildSchema: buildCasesSchema,
  startRuntime: startCasesRuntime,
  createContext: createCasesContext,
  createGroupContext: createCasesGroupContext,
  seed: seedCases,
};
