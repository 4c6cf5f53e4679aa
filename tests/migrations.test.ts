import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openSubgraphOrm, repoRoot } from "@marugoto/shared";
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

describe("npm run migrate (the deployment's migration Job)", () => {
  /** `npm run migrate` itself (npm → node), as the Job runs it, against `url`. */
  const migrate = (url: string, env: Record<string, string>) => {
    const { DATABASE_URL: _ours, ...inherited } = process.env;
    const run = spawnSync("npm", ["run", "--silent", "migrate"], {
      cwd: repoRoot,
      env: { ...inherited, LOG_LEVEL: "info", DATABASE_URL: url, IDENTITY_SECRET: randomBytes(32).toString("base64"), ...env },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { status: run.status, stderr: run.stderr };
  };
  const counts = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const applied: Record<string, number> = {};
      for (const def of SUBGRAPHS)
        applied[def.name] = Number((await client.query(`select count(*) from ${def.name}.mikro_orm_migrations`)).rows[0].count);
      const one = async (sql: string) => Number((await client.query(sql)).rows[0].count);
      return {
        applied,
        organizations: await one("select count(*) from directory.organization"),
        cases: await one("select count(*) from cases.support_case"),
        districts: await one("select count(*) from hubs.district"),
        hubs: await one("select count(*) from hubs.hub"),
        activities: await one("select count(*) from hubs.activity"),
        worries: await one("select count(*) from hubs.worry"),
      };
    } finally {
      await client.end();
    }
  };

  it("applies every committed migration in production, seeds reference data only when asked, never a case, hub, session or worry, and runs again finding nothing to do", async () => {
    const db = await freshDatabase("npm_migrate");
    databases.push(db);
    const committed = Object.fromEntries(
      SUBGRAPHS.map((def) => [def.name, readdirSync(def.migrationsPath).filter((f) => /^Migration\d+\.(ts|js)$/.test(f)).length]),
    );

    const bare = migrate(db.url, { NODE_ENV: "production" });
    expect(bare.status, bare.stderr).toBe(0);
    for (const def of SUBGRAPHS) expect(bare.stderr).toContain(`"message":"${def.name} migrated"`);
    expect(await counts(db.url)).toEqual({
      applied: committed,
      organizations: 0,
      cases: 0,
      districts: 0,
      hubs: 0,
      activities: 0,
      worries: 0,
    });

    const seeded = migrate(db.url, { NODE_ENV: "production", SEED: "true" });
    expect(seeded.status, seeded.stderr).toBe(0);
    const after = await counts(db.url);
    expect(after.applied).toEqual(committed);
    expect(after.organizations).toBeGreaterThan(20);
    expect(after.cases).toBe(0);
    // The districts are the city's; its hubs are known only by their yearly counts, so the seed's
    // hubs, their sessions and worries are made up, and production has none of them.
    expect(after.districts).toBe(30);
    expect(after).toMatchObject({ hubs: 0, activities: 0, worries: 0 });

    const again = migrate(db.url, { NODE_ENV: "production", SEED: "true" });
    expect(again.status, again.stderr).toBe(0);
    expect(await counts(db.url)).toEqual(after);
  }, 360_000);

  it("outside production seeds the demonstration too: fictional cases, and hubs with last month's sessions and worries", async () => {
    const db = await freshDatabase("npm_migrate_dev");
    databases.push(db);
    const seeded = migrate(db.url, { NODE_ENV: "development" });
    expect(seeded.status, seeded.stderr).toBe(0);
    const after = await counts(db.url);
    expect(after).toMatchObject({ districts: 30, hubs: 24, worries: 2 });
    expect(after.cases).toBeGreaterThan(0);
    expect(after.activities).toBeGreaterThan(0);
  }, 180_000);

  it("fails with a clear message and a non-zero exit when the configuration is refused", () => {
    const refused = migrate("postgres://127.0.0.1:1/none", {
      NODE_ENV: "production",
      IDENTITY_SECRET: "change-me-to-32-random-bytes-xxxx",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("IDENTITY_SECRET");
  }, 120_000);
});
