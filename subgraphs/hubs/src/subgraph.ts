import { fileURLToPath } from "node:url";
import type { SubgraphDefinition } from "@marugoto/shared";
import { createHubsContext, startHubsRuntime, type HubsContext, type HubsRuntime } from "./context.js";
import { buildHubsSchema, hubsEntities } from "./schema.js";
import { seedHubs } from "./seed/seed.service.js";

/** Everything needed to boot the hubs subgraph (process, tests, e2e stack). */
export const hubsSubgraph: SubgraphDefinition<HubsContext, HubsRuntime> = {
  name: "hubs",
  defaultPort: 4004,
  entities: hubsEntities,
  migrationsPath: fileURLToPath(new URL("./migrations", import.meta.url)),
  buildSchema: buildHubsSchema,
  startRuntime: startHubsRuntime,
  createContext: createHubsContext,
  seed: seedHubs,
};
