import pg from "pg";
import { afterAll, inject } from "vitest";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import type { Stack } from "./stack.js";

/**
 * The graph shared by the test files of the `e2e-shared` project (started once by
 * tests/helpers/shared-stack-setup.ts). Files run on it side by side, so a file that uses it checks
 * only what it wrote itself or seed data no file changes: no totals over a whole table, no
 * "exactly these events" on a stream another file may write to, no outage of a subgraph.
 */
export interface SharedStack {
  gateway: { url: string; wsUrl: string };
  subgraphs: Record<string, { url: string }>;
  token: Stack["token"];
  /** Rows straight from the stack's database (`$1`-style parameters). */
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/** The shared graph, for a test file of the `e2e-shared` project; its database connection closes after the file. */
export async function sharedStack(): Promise<SharedStack> {
  const info = inject("sharedStack");
  const keys = await loadOrCreateDevKeys(info.keysDir);
  const pool = new pg.Pool({ connectionString: info.databaseUrl, max: 2 });
  afterAll(() => pool.end());
  return {
    gateway: { url: info.gatewayUrl, wsUrl: info.wsUrl },
    subgraphs: Object.fromEntries(Object.entries(info.subgraphUrls).map(([name, url]) => [name, { url }])),
    token: (org, roles = ["staff"], sub = `user-${org}`, expiresIn) => mintDevToken(keys, { sub, org, roles, expiresIn }),
    sql: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
  };
}
