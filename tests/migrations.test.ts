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
    "build exactly what the %s entities describe (run `npm run migration:create` after an entity change), change notices on every table read",
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
        if (def.keepsAnswers || def.announcesChanges) {
          // Whoever keeps its answers hears of every change: each table that answers read has its trigger
          // (not the outbox, whose rows come with a change of those; not idempotency keys or migrations).
          const rows = await orm.em.getConnection().execute<{ table_name: string; triggered: boolean }[]>(
            `select t.table_name, exists (select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = t.table_schema and c.relname = t.table_name and g.tgname = 'changed') as triggered
             from information_schema.tables t where t.table_schema = ? and t.table_type = 'BASE TABLE'
               and t.table_name not in ('outbox_event', 'idempotency_key', 'mikro_orm_migrations')`,
            [def.name],
          );
          expect(rows.length).toBeGreaterThan(0);
          expect(rows.filter((r) => !r.triggered).map((r) => r.table_name)).toEqual([]);
        }
      } finally {
        await orm.close(true);
      }
    },
  );
});
