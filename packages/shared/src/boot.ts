import type { BaseContext } from "@apollo/server";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLSchema } from "graphql";
import { z } from "zod";
import type { GroupContext } from "./answer-alike.js";
import { metricsOptions, parseConfig, portSchema, subgraphEnvSchema, subgraphProcessEnv } from "./config.js";
import type { Identity } from "./identity.js";
import { logger, safeError } from "./logger.js";
import { metrics } from "./metrics.js";
import { watchParent } from "./parent.js";
import {
  migrateSubgraph,
  openSubgraphOrm,
  underMigrationLock,
  type QueryCounter,
  type SubgraphOrmOptions,
  type SubgraphSchemaName,
} from "./orm.js";
import { SharedResponseCache, type AnswersWatch } from "./response-cache.js";
import { startSubgraphServer, type OperationInfo, type RunningServer, type SubgraphServerOptions } from "./server.js";

/** What a seed may write. */
export interface SeedOptions {
  /**
   * Fictional data may be written — people, households and cases (架空の事例), sample meetings, the hubs
   * with their sessions and worries: never in production, whatever SEED says.
   */
  fictional: boolean;
}

/** Process-wide parts a subgraph runs beside its server (e.g. its event hub), closed at shutdown. */
export interface SubgraphRuntime {
  close(): Promise<void>;
}

export interface SubgraphDefinition<C extends BaseContext, R extends SubgraphRuntime = SubgraphRuntime> {
  name: SubgraphSchemaName;
  defaultPort: number;
  entities: SubgraphOrmOptions["entities"];
  migrationsPath: string;
  buildSchema: () => Promise<GraphQLSchema>;
  /** Starts process-wide parts after migrations; their handle reaches every context. */
  startRuntime?: (em: EntityManager, databaseUrl: string, env: NodeJS.ProcessEnv) => Promise<R>;
  createContext: (em: EntityManager, identity: Identity, runtime: R, operation: OperationInfo, settings: ContextSettings) => C;
  /**
   * The context of one run for many people's alike calls of a batch, when the subgraph decides on the
   * person in ways it can compare (`GroupContext`); without it, a run's answer is shared only when
   * nothing read the person.
   */
  createGroupContext?: (
    em: EntityManager,
    representative: Identity,
    runtime: R,
    operation: OperationInfo,
    settings: ContextSettings,
  ) => GroupContext<C>;
  /** Idempotent seed, run after migrations: reference data, and fictional data only when `options.fictional`. */
  seed?: (em: EntityManager, options: SeedOptions) => Promise<unknown>;
  /**
   * Reference data without mutations: query answers are kept (`SharedResponseCache`, keyed on the
   * caller's full authorisation scope) and forgotten when the subgraph's tables change. Its
   * migrations must add the triggers that NOTIFY `<schema>_changed`.
   */
  keepsAnswers?: boolean;
  /**
   * Answers are not kept here, but their changes are announced (the gateway keeps copies of them):
   * the subgraph's migrations add the triggers that NOTIFY `<schema>_changed`; `daily` when answers
   * also change with the date in Tokyo (a new state every midnight). A subgraph that `keepsAnswers`
   * announces its changes too.
   */
  announcesChanges?: { daily: boolean };
}

/** The server's context makers: the definition's, over the process's EntityManager, runtime and settings. */
function contextsOf<C extends BaseContext, R extends SubgraphRuntime>(
  def: SubgraphDefinition<C, R>,
  em: EntityManager,
  runtime: R,
  settings: ContextSettings,
): Pick<SubgraphServerOptions<C>, "createContext" | "createGroupContext"> {
  const group = def.createGroupContext;
  return {
    createContext: (identity, operation) => def.createContext(em, identity, runtime, operation, settings),
    createGroupContext: group && ((representative, operation) => group(em, representative, runtime, operation, settings)),
  };
}

/** Process-wide settings a context may need (e.g. to issue download tickets the gateway verifies). */
export interface ContextSettings {
  identitySecret: string;
  /** The state of the subgraph's answers (`keepsAnswers`, `announcesChanges`), for whoever keeps copies of them. */
  answers?: AnswersWatch;
}

export interface RunningSubgraph extends RunningServer {
  em: EntityManager;
  /** Counts the SQL statements this subgraph sends (tests of batching). */
  counter: QueryCounter;
  close(): Promise<void>;
}

/** Where a start's time goes, per phase (ms since the process started, then per phase). */
function phaseTimer(): { phases: Record<string, number>; lap(name: string): void } {
  const phases: Record<string, number> = { loaded: Math.round(performance.now()) };
  let mark = performance.now();
  return {
    phases,
    lap(name) {
      phases[name] = Math.round(performance.now() - mark);
      mark = performance.now();
    },
  };
}

/** Samples the connection pool's size, idle and waiting clients into the metrics; returns the undo. */
async function samplePool(em: EntityManager): Promise<() => void> {
  const pool = await (
    em.getConnection() as unknown as { getNativeClient(): Promise<{ totalCount: number; idleCount: number; waitingCount: number }> }
  ).getNativeClient();
  const unsample = [
    metrics.poolTotal.add(() => pool.totalCount),
    metrics.poolIdle.add(() => pool.idleCount),
    metrics.poolWaiting.add(() => pool.waitingCount),
  ];
  return () => {
    for (const off of unsample) off();
  };
}

/** The state of a subgraph's answers, heard from its change notices, when it keeps them or announces their changes. */
function answersOf(
  def: Pick<SubgraphDefinition<BaseContext>, "name" | "keepsAnswers" | "announcesChanges">,
  databaseUrl: string,
): SharedResponseCache | undefined {
  if (!def.keepsAnswers && !def.announcesChanges) return undefined;
  return new SharedResponseCache(def.name, databaseUrl, undefined, def.announcesChanges?.daily ?? false);
}

/** Boots one subgraph: config → ORM → migrations → seed → listen. */
export async function bootSubgraph<C extends BaseContext, R extends SubgraphRuntime>(
  def: SubgraphDefinition<C, R>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningSubgraph> {
  const config = parseConfig(subgraphEnvSchema.and(z.object({ PORT: portSchema.default(def.defaultPort) })), env);
  const { phases, lap } = phaseTimer();
  const { orm, counter } = await openSubgraphOrm({
    clientUrl: config.DATABASE_URL,
    schema: def.name,
    entities: def.entities,
    migrationsPath: def.migrationsPath,
  });
  const em = orm.em as EntityManager;
  // Replicas booting together migrate and seed one after the other: the later ones find it done.
  await underMigrationLock(config.DATABASE_URL, def.name, async () => {
    await migrateSubgraph(orm, def.name);
    lap("migrate");
    if (config.SEED && def.seed) {
      const result = await def.seed(em, { fictional: config.NODE_ENV !== "production" });
      logger.info(`${def.name} seed done`, { result });
    }
    lap("seed");
  });
  const unsample = await samplePool(em);
  const runtime = def.startRuntime ? await def.startRuntime(em, config.DATABASE_URL, env) : ({ close: async () => {} } as unknown as R);
  const schema = await def.buildSchema();
  const responses = answersOf(def, config.DATABASE_URL);
  await responses?.start();
  lap("schema");
  const server = await startSubgraphServer<C>({
    name: def.name,
    schema,
    host: config.HOST,
    port: config.PORT,
    production: config.NODE_ENV === "production",
    identitySecret: config.IDENTITY_SECRET,
    identityMaxAgeMs: config.IDENTITY_MAX_AGE_MS,
    identitySocketMaxAgeMs: config.IDENTITY_SOCKET_MAX_AGE_MS,
    ...contextsOf(def, em, runtime, { identitySecret: config.IDENTITY_SECRET, answers: responses }),
    metrics: metricsOptions(config),
    checkReady: async () => {
      await em.getConnection().execute("select 1");
    },
    plugins: responses && def.keepsAnswers ? [responses.plugin<C>()] : [],
  });
  lap("listen");
  logger.info(`${def.name} boot timings`, { ms: phases });
  return {
    ...server,
    em,
    counter,
    async close() {
      unsample();
      await runtime.close();
      await server.stop();
      await responses?.close();
      await orm.close(true);
    },
  };
}

/** Closes what this process runs on SIGINT, SIGTERM or when `npm start` is gone; exits within 4 s. */
function ownShutdown(what: string, close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${what} stopping`, { signal });
    const timer = setTimeout(() => process.exit(1), 4000).unref();
    await close().catch((error) => logger.error("shutdown failed", { error: safeError(error) }));
    clearTimeout(timer);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  watchParent(() => void stop("parent gone"));
}

/** Runs a subgraph as a process: boots it and owns its shutdown on SIGINT/SIGTERM. */
export async function runSubgraphProcess<C extends BaseContext, R extends SubgraphRuntime>(def: SubgraphDefinition<C, R>): Promise<void> {
  process.env.SERVICE_NAME ??= def.name;
  try {
    const running = await bootSubgraph(def);
    ownShutdown(def.name, () => running.close());
  } catch (error) {
    logger.error(`${def.name} failed to start`, { error: safeError(error) });
    process.exit(1);
  }
}

/**
 * Runs several subgraphs in this one process (`npm start`'s default on a development machine:
 * the libraries they share load once instead of once per subgraph). Each boots with the process's
 * environment plus its own entries of `envs` (its PORT, …). If any fails to start, the process
 * exits 1 and its supervisor starts them all again.
 */
export async function runSubgraphsProcess(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- subgraphs of different contexts and runtimes
  defs: SubgraphDefinition<any, any>[],
  envs: Record<string, Record<string, string>>,
): Promise<void> {
  process.env.SERVICE_NAME ??= "subgraphs";
  try {
    const running = await Promise.all(defs.map((def) => bootSubgraph(def, subgraphProcessEnv(process.env, envs[def.name]))));
    ownShutdown(defs.map((def) => def.name).join(", "), () => Promise.all(running.map((r) => r.close())));
  } catch (error) {
    logger.error("the subgraphs failed to start", { error: safeError(error) });
    process.exit(1);
  }
}

export { watchParent } from "./parent.js";
