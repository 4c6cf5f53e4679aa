import { fileURLToPath } from "node:url";
import type { SubgraphDefinition } from "@marugoto/shared";
import { createMeetingsContext, startMeetingsRuntime, type MeetingsContext, type MeetingsRuntime } from "./context.js";
import { buildMeetingsSchema, meetingsEntities } from "./schema.js";
import { seedMeetings } from "./seed/seed.service.js";

/** Everything needed to boot the meetings subgraph (process, tests, e2e stack). */
export const meetingsSubgraph: SubgraphDefinition<MeetingsContext, MeetingsRuntime> = {
  name: "meetings",
  defaultPort: 4002,
  entities: meetingsEntities,
  migrationsPath: fileURLToPath(new URL("./migrations", import.meta.url)),
  buildSchema: buildMeetingsSchema,
  startRuntime: startMeetingsRuntime,
  createContext: createMeetingsContext,
  seed: seedMeetings,
  // The gateway keeps answers of this subgraph per caller scope (gateway/src/kept-answers.ts): every
  // change of its tables (NOTIFY triggers of Migration20261130180000) and every midnight in Tokyo
  // (`overdue`) is announced by `meetingsDataChanged`.
  announcesChanges: { daily: true },
};
