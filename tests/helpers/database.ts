import { inject } from "vitest";
import { createDatabase, dropDatabase, scratchDatabaseName } from "@marugoto/shared/dev";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of the test's own on the test server: no test sees another's data. */
export async function freshDatabase(prefix = "t"): Promise<TestDatabase> {
  const server = inject("databaseUrl");
  const name = scratchDatabaseName(`mg_${prefix}`);
  const url = await createDatabase(server, name);
  return { url, drop: () => dropDatabase(server, name) };
}
