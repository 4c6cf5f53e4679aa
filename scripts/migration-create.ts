/**
 * Writes a migration for one subgraph: `npm run migration:create -- <subgraph>`.
 * The diff is taken against a scratch database where the committed migrations have run, so it
 * contains exactly what the entities changed; DATABASE_URL names the server (embedded otherwise).
 */
import os from "node:os";
import path from "node:path";
import { openSubgraphOrm } from "@marugoto/shared";
import { createDatabase, dropDatabase, scratchDatabaseName, startEmbeddedPostgres } from "@marugoto/shared/dev";
import { SUBGRAPHS } from "./subgraphs.js";

const name = process.argv[2];
const def = SUBGRAPHS.find((s) => s.name === name);
if (!def) {
  console.error(`usage: npm run migration:create -- <${SUBGRAPHS.map((s) => s.name).join("|")}>`);
  process.exit(2);
}
const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), scratchDatabaseName("marugoto_migrate")), ephemeral: true });
const server = process.env.DATABASE_URL ?? embedded!.url;
const database = scratchDatabaseName("migration");
const url = await createDatabase(server, database);
try {
  const { orm } = await openSubgraphOrm({
    clientUrl: url,
    schema: def.name,
    entities: def.entities,
    migrationsPath: def.migrationsPath,
    migrate: true,
  });
  const result = await orm.migrator.create();
  await orm.close(true);
  console.log(result.fileName ? `wrote ${result.fileName}\n${result.diff.up.join("\n")}` : "no changes: no migration written");
} finally {
  await dropDatabase(server, database);
  await embedded?.stop();
}
