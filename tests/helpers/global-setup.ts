import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { scratchDatabaseName, startEmbeddedPostgres } from "@marugoto/shared/dev";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server URL; each test file creates its own database on it. */
    databaseUrl: string;
  }
}

/**
 * Tests run against a real PostgreSQL: the one DATABASE_URL names, or an embedded one started
 * here in a temporary folder and removed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.LOG_LEVEL ??= "error";
  const given = process.env.DATABASE_URL;
  const embedded = given
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), scratchDatabaseName("marugoto_test_pg")), ephemeral: true });
  project.provide("databaseUrl", given ?? embedded!.url);
  return async () => {
    await embedded?.stop();
  };
}
