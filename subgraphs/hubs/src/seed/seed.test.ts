import { describe, expect, it } from "vitest";
import { addMonths, bootSubgraph, tokyoMonth, type RunningSubgraph } from "@marugoto/shared";
import { post, signedHeaders } from "../../../../tests/helpers/client.js";
import { freshDatabase } from "../../../../tests/helpers/database.js";
import { hubsSubgraph } from "../subgraph.js";

const SECRET = "a-production-secret-of-some-length";

/** Rows of each table the hubs seed writes. */
async function counts(running: RunningSubgraph) {
  const count = async (table: string) =>
    Number((await running.em.fork().execute<{ n: string }[]>(`select count(*) as n from hubs.${table}`))[0]!.n);
  return {
    districts: await count("district"),
    hubs: await count("hub"),
    activities: await count("activity"),
    worries: await count("worry"),
  };
}

/** Boots the hubs subgraph with SEED=true on a fresh database, runs `check`, and drops it all. */
async function seeded(nodeEnv: string, check: (running: RunningSubgraph) => Promise<void>): Promise<void> {
  const database = await freshDatabase("seedhubs");
  try {
    const running = await bootSubgraph(hubsSubgraph, {
      NODE_ENV: nodeEnv,
      DATABASE_URL: database.url,
      PORT: "0",
      IDENTITY_SECRET: SECRET,
      SEED: "true",
    });
    try {
      await check(running);
    } finally {
      await running.close();
    }
  } finally {
    await database.drop();
  }
}

describe("production never seeds fictional hubs", () => {
  it("with SEED=true in production seeds the 30 districts only: no hub, session or worry, so none reaches the monthly rule or the coverage", async () => {
    await seeded("production", async (running) => {
      expect(await counts(running)).toEqual({ districts: 30, hubs: 0, activities: 0, worries: 0 });
      const query = `query ($month: String!) { hubs { code } hubCompliance(month: $month, failingOnly: true) { hub { code } } hubCoverage { withHub { code } withoutHub { code } } }`;
      const variables = { month: addMonths(tokyoMonth(), -1) };
      const res = await post(
        running.url,
        query,
        variables,
        signedHeaders("hubs", { sub: "analyst", org: "seikatsu-fukushi", roles: ["analyst"] }, SECRET, query, variables),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.hubs).toEqual([]);
      expect(res.data!.hubCompliance).toEqual([]);
      expect(res.data!.hubCoverage.withHub).toEqual([]);
      expect(res.data!.hubCoverage.withoutHub).toHaveLength(30);
    });
  });

  it("outside production seeds the demonstration: the city's 24 hubs, last month's sessions and two worries", async () => {
    await seeded("development", async (running) => {
      const seededRows = await counts(running);
      expect(seededRows).toMatchObject({ districts: 30, hubs: 24, worries: 2 });
      expect(seededRows.activities).toBeGreaterThan(24 * 7);
    });
  });
});
