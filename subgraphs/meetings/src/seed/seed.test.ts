import { describe, expect, it } from "vitest";
import { bootSubgraph } from "@marugoto/shared";
import { freshDatabase } from "../../../../tests/helpers/database.js";
import { meetingsSubgraph } from "../subgraph.js";

describe("production never seeds fictional meetings", () => {
  it("with SEED=true in production seeds the bodies and their members, and no sample sitting or case item", async () => {
    const database = await freshDatabase("seedprod");
    try {
      const running = await bootSubgraph(meetingsSubgraph, {
        NODE_ENV: "production",
        DATABASE_URL: database.url,
        PORT: "0",
        IDENTITY_SECRET: "a-production-secret-of-some-length",
        CASES_URL: "http://127.0.0.1:9/graphql",
        SEED: "true",
      });
      try {
        const count = async (table: string) =>
          Number((await running.em.fork().execute<{ n: string }[]>(`select count(*) as n from meetings.${table}`))[0]!.n);
        expect(await count("meeting_body")).toBeGreaterThan(0);
        expect(await count("body_member")).toBeGreaterThan(0);
        expect(await count("meeting")).toBe(0);
        expect(await count("agenda_item")).toBe(0);
      } finally {
        await running.close();
      }
    } finally {
      await database.drop();
    }
  });
});
