/**
 * `npm run migrate`: applies every subgraph's committed migrations (and the seed, as a subgraph's
 * start would: reference data, fictional data only outside production, none when SEED=false), then
 * exits. What a deployment's migration Job runs before new replicas start; each subgraph still
 * migrates at its own start, under the same advisory lock, finding nothing left to do.
 */
import { logger, migrateSubgraph, openSubgraphOrm, parseConfig, safeError, subgraphEnvSchema, underMigrationLock } from "@marugoto/shared";
import type { EntityManager } from "@mikro-orm/postgresql";
import { SUBGRAPHS } from "./subgraphs.js";

process.env.SERVICE_NAME ??= "migrate";
try {
  const config = parseConfig(subgraphEnvSchema, process.env);
  for (const def of SUBGRAPHS) {
    const started = Date.now();
    const { orm } = await openSubgraphOrm({
      clientUrl: config.DATABASE_URL,
      schema: def.name,
      entities: def.entities,
      migrationsPath: def.migrationsPath,
    });
    try {
      await underMigrationLock(config.DATABASE_URL, def.name, async () => {
        await migrateSubgraph(orm, def.name);
        if (config.SEED && def.seed) await def.seed(orm.em as unknown as EntityManager, { fictional: config.NODE_ENV !== "production" });
      });
    } finally {
      await orm.close(true);
    }
    logger.info(`${def.name} migrated`, { ms: Date.now() - started });
  }
  process.exit(0);
} catch (error) {
  logger.error("migration failed", { error: safeError(error) });
  process.exit(1);
}
