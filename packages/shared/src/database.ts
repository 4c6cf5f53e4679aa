import pg from "pg";

/** The same server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onMaintenance<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates a fresh database on the server of `url`; returns its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  await onMaintenance(url, (c) => c.query(`create database ${quote(name)}`));
  return withDatabase(url, name);
}

/** Drops a database, closing its connections. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await onMaintenance(url, (c) => c.query(`drop database if exists ${quote(name)} with (force)`));
}

/** A database name unique enough for parallel tests: prefix, time, randomness. */
export function scratchDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}
