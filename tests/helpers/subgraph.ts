import { bootSubgraph, type RunningSubgraph, type SubgraphDefinition } from "@marugoto/shared";
import { post, signedHeaders, type GraphQLResponse } from "./client.js";
import { freshDatabase, type TestDatabase } from "./database.js";
import { TEST_SECRET } from "./stack.js";

export interface TestSubgraph {
  running: RunningSubgraph;
  database: TestDatabase;
  /** Calls the subgraph over HTTP as the gateway would, signed for `org`. */
  /** A signed call as `sub` (by default `user-<org>`) of `org` with `roles`. */
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    org?: string,
    roles?: string[],
    sub?: string,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** One subgraph on its own fresh database, migrated and seeded, on an ephemeral port; `env` adds settings. */
export async function startSubgraph(def: SubgraphDefinition<any, any>, env: Record<string, string> = {}): Promise<TestSubgraph> {
  const database = await freshDatabase(def.name);
  const running = await bootSubgraph(def, {
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    PORT: "0",
    IDENTITY_SECRET: TEST_SECRET,
    SEED: "true",
    ...env,
  });
  return {
    running,
    database,
    query: (query, variables = {}, org = "seikatsu-fukushi", roles = ["staff"], sub = `user-${org}`) =>
      post(running.url, query, variables, signedHeaders(def.name, { sub, org, roles }, TEST_SECRET, query, variables)),
    async close() {
      await running.close();
      await database.drop();
    },
  };
}
