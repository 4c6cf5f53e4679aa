import { DefaultLogger, type LogContext, type LoggerOptions } from "@mikro-orm/core";
import { Migrator } from "@mikro-orm/migrations";
import { MikroORM, type Options } from "@mikro-orm/postgresql";
import pg from "pg";

/** Every subgraph's PostgreSQL schema: one database, one schema each. */
export const SUBGRAPH_SCHEMAS = ["directory", "meetings", "cases", "hubs"] as const;
export type SubgraphSchemaName = (typeof SUBGRAPH_SCHEMAS)[number];
/** Schemas of the database that belong to no subgraph's entities (the gateway's shared rate limit). */
export const OTHER_SCHEMAS = ["gateway"] as const;

/**
 * Counts every SQL statement an ORM sends. Tests use it to prove that an operation's statement
 * count does not grow with the length of a list.
 */
export class QueryCounter {
  statements: string[] = [];
  get count(): number {
    return this.statements.length;
  }
  /** Runs `fn` and returns its result with the statements it sent. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const start = this.statements.length;
    const result = await fn();
    return { result, statements: this.statements.slice(start) };
  }
}

/** MikroORM hands every statement to `logQuery` even when debug output is off: count there. */
class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: QueryCounter,
  ) {
    super(options);
  }
  override logQuery(context: { query: string } & LogContext): void {
    if (context.query && (context.namespace ?? "query") === "query") this.counter.statements.push(context.query);
    super.logQuery(context);
  }
}

export interface SubgraphOrmOptions {
  clientUrl: string;
  schema: SubgraphSchemaName;
  entities: NonNullable<Options["entities"]>;
  /** Folder of this subgraph's committed migrations. */
  migrationsPath: string;
  counter?: QueryCounter;
  debug?: boolean;
  /** Connection pool size. */
  poolMax?: number;
}

export function subgraphOrmConfig(options: SubgraphOrmOptions): Options {
  const counter = options.counter ?? new QueryCounter();
  return {
    clientUrl: options.clientUrl,
    entities: options.entities,
    schema: options.schema,
    extensions: [Migrator],
    debug: options.debug ?? false,
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions, counter),
    pool: { max: options.poolMax ?? 10 },
    // The schema diff must never see (and so never drop) another subgraph's tables.
    schemaGenerator: { ignoreSchema: [...SUBGRAPH_SCHEMAS.filter((s) => s !== options.schema), ...OTHER_SCHEMAS] },
    migrations: {
      path: options.migrationsPath,
      tableName: "mikro_orm_migrations",
      emit: "ts",
      snapshot: false,
      silent: true,
    },
  };
}

export interface SubgraphOrm {
  orm: MikroORM;
  counter: QueryCounter;
}

/** Opens the subgraph's ORM; `migrate` applies its committed migrations. */
export async function openSubgraphOrm(options: SubgraphOrmOptions & { migrate?: boolean }): Promise<SubgraphOrm> {
  const counter = options.counter ?? new QueryCounter();
  const orm = await MikroORM.init(subgraphOrmConfig({ ...options, counter }));
  if (options.migrate) await underMigrationLock(options.clientUrl, options.schema, () => migrateSubgraph(orm, options.schema));
  return { orm, counter };
}

/** Applies the subgraph's committed migrations (call it holding `underMigrationLock`). */
export async function migrateSubgraph(orm: MikroORM, schema: SubgraphSchemaName): Promise<void> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  await orm.migrator.up();
}

/** The advisory lock every replica of a subgraph takes to migrate: (namespace, schema). */
const MIGRATION_LOCK_NAMESPACE = 0x6d67; // "mg"
const migrationLockKey = (schema: string) => [...schema].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 17);

/**
 * Runs `fn` holding a session-level advisory lock on a connection of its own: replicas booting
 * together migrate one after the other, and the later ones find nothing left to do. A replica that
 * dies while migrating drops its session, and with it the lock (its migration's transaction rolls back).
 */
export async function underMigrationLock<T>(databaseUrl: string, schema: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => undefined); // a lost lock connection fails the query below, not the process
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1, $2)", [MIGRATION_LOCK_NAMESPACE, migrationLockKey(schema)]);
    return await fn();
  } finally {
    await client.query("select pg_advisory_unlock($1, $2)", [MIGRATION_LOCK_NAMESPACE, migrationLockKey(schema)]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
