import { afterAll, describe, expect, it } from "vitest";
import { openSubgraphOrm } from "@marugoto/shared";
import { SUBGRAPHS } from "../scripts/subgraphs.js";
import { freshDatabase, type TestDatabase } from "./helpers/database.js";

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

describe("committed migrations", () => {
  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))(
    "build exactly what the %s entities describe (run `npm run migration:create` after an entity change)",
    async (_name, def) => {
      const db = await freshDatabase(`mig_${def.name}`);
      databases.push(db);
      const { orm } = await openSubgraphOrm({
        clientUrl: db.url,
        schema: def.name,
        entities: def.entities,
        migrationsPath: def.migrationsPath,
        migrate: true,
      });
      try {
        const pending = await orm.schema.getUpdateSchemaSQL({ wrap: false });
        expect(pending.trim()).toBe("");
      } finally {
        await orm.close(true);
      }
    },
  );
});
