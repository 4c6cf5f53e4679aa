import { describe, expect, it } from "vitest";
import { bootSubgraph, parseConfig, subgraphEnvSchema } from "@marugoto/shared";
import { freshDatabase } from "../../../../tests/helpers/database.js";
import { casesSubgraph } from "../subgraph.js";

const SECRET = "a-production-secret-of-some-length";

describe("production never seeds fictional data", () => {
  it("defaults SEED to false in production and to true elsewhere; an explicit value wins", () => {
    const env = (extra: Record<string, string>) =>
      parseConfig(subgraphEnvSchema, { DATABASE_URL: "postgres://x@127.0.0.1/db", IDENTITY_SECRET: SECRET, ...extra });
    expect(env({ NODE_ENV: "production" }).SEED).toBe(false);
    expect(env({ NODE_ENV: "development" }).SEED).toBe(true);
    expect(env({ NODE_ENV: "test", SEED: "false" }).SEED).toBe(false);
    expect(env({ NODE_ENV: "production", SEED: "true" }).SEED).toBe(true);
  });

  it("with SEED=true in production seeds reference data only: no fictional person, household or case", async () => {
    const database = await freshDatabase("seedprod");
    try {
      const running = await bootSubgraph(casesSubgraph, {
        NODE_ENV: "production",
        DATABASE_URL: database.url,
        PORT: "0",
        IDENTITY_SECRET: SECRET,
        SEED: "true",
        // Required in production; not contacted at boot.
        MEETINGS_URL: "http://127.0.0.1:9/graphql",
      });
      try {
        const em = running.em.fork();
        const count = async (table: string) =>
          Number((await em.execute<{ n: string }[]>(`select count(*) as n from cases.${table}`))[0]!.n);
        expect(await count("support_case")).toBe(0);
        expect(await count("person")).toBe(0);
        expect(await count("household")).toBe(0);
        expect(await count("participation_site")).toBeGreaterThan(0);
      } finally {
        await running.close();
      }
    } finally {
      await database.drop();
    }
  });
});
