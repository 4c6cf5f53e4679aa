/**
 * `npm start`: a small supervisor. PostgreSQL (embedded under .data/ unless DATABASE_URL is set),
 * the four subgraphs in one process (START_SUBGRAPHS=apart: each its own) and the gateway in another.
 * One process for the subgraphs loads the libraries they share once instead of four times: most of
 * a start's CPU time on a 2-core machine (bench/README.md). Deployments run each subgraph alone.
 *
 * - One process tree: `npm start` runs `exec node --env-file-if-exists=.env scripts/start.mjs`,
 *   which compiles this file and every service to JavaScript and runs this file's bundle in the
 *   same process: npm's child is the supervisor (no shell, no wrapper relaying signals), and the
 *   children run their bundles (no TypeScript loader). Run through tsx instead (as benchmarks do),
 *   it runs the children from source through tsx.
 * - A child that crashes is restarted with backoff while the others keep serving; after
 *   MAX_RAPID_CRASHES crashes of one child within CRASH_WINDOW_MS everything stops (exit 1).
 * - SIGINT, SIGTERM or SIGHUP, to this pid or to the whole process group, once or repeatedly: the
 *   children get SIGTERM (SIGKILL after CHILD_GRACE_MS), then the database a fast shutdown. The
 *   embedded PostgreSQL runs in its own session, so a group signal never reaches it before its
 *   clients are gone. Everything is stopped within 5 s.
 *
 * This file imports only light modules: it starts before anything else and its load time is
 * part of every start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../packages/shared/src/embedded-postgres.js";
import { logger } from "../packages/shared/src/logger.js";
import { dataDir, repoRoot } from "../packages/shared/src/paths.js";

process.env.SERVICE_NAME = "start";
// A closed terminal or pipe (EPIPE) must not kill the supervisor before it has stopped the others.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});
const env = process.env;
const host = env.HOST ?? "127.0.0.1";
const gatewayPort = Number(env.GATEWAY_PORT ?? 4000);
const port = (name: string, fallback: number) => Number(env[`${name.toUpperCase()}_PORT`] ?? fallback);
/** METRICS_PORT for the gateway, the next ones for the subgraphs in order: one metrics port per process. */
const metricsPort = (offset: number): Record<string, string> =>
  env.METRICS_PORT ? { METRICS_PORT: String(Number(env.METRICS_PORT) + offset) } : {};

/** The subgraphs and their default ports (as in each subgraph's definition; kept light here). */
const SUBGRAPHS = [
  { name: "directory", defaultPort: 4001 },
  { name: "meetings", defaultPort: 4002 },
  { name: "cases", defaultPort: 4003 },
  { name: "hubs", defaultPort: 4004 },
] as const;

/** Every port the services of this stack will listen on (HTTP and metrics). */
function stackPorts(): number[] {
  const http = [gatewayPort, ...SUBGRAPHS.map((def) => port(def.name, def.defaultPort))];
  const metrics = env.METRICS_PORT ? http.map((_, offset) => Number(env.METRICS_PORT) + offset) : [];
  return [...http, ...metrics];
}

/** `together` (default): the four subgraphs in one process; `apart`: each in its own. */
const subgraphsApart = env.START_SUBGRAPHS === "apart";
if (env.START_SUBGRAPHS && !["apart", "together"].includes(env.START_SUBGRAPHS)) {
  logger.error(`START_SUBGRAPHS must be "together" or "apart", not "${env.START_SUBGRAPHS}"`);
  process.exit(1);
}

export const MAX_RAPID_CRASHES = Number(env.START_MAX_RAPID_CRASHES ?? 5);
const CRASH_WINDOW_MS = 60_000;
const CHILD_GRACE_MS = 2_500;

interface Service {
  name: string;
  entry: string;
  env: Record<string, string>;
  child?: ChildProcess;
  crashes: number[];
  restartTimer?: NodeJS.Timeout;
}

/** The folder of the services' bundles (set by scripts/start.mjs); without it, sources through tsx. */
const bundles = env.MARUGOTO_SERVICE_BUNDLES;
delete env.MARUGOTO_SERVICE_BUNDLES;

const services: Service[] = [];
let databaseStarting: Promise<EmbeddedPostgres | undefined> | undefined;
let database: EmbeddedPostgres | undefined;
let stopping: Promise<never> | undefined;
const lockFile = path.join(dataDir(), "start.pid");

const alive = (child: ChildProcess | undefined): child is ChildProcess => !!child && child.exitCode === null && child.signalCode === null;

function launch(service: Service): void {
  // watch-parent.mjs first: it ends the child if this process disappears, even while it still loads.
  const watch = ["--import", pathToFileURL(path.join(repoRoot, "scripts", "watch-parent.mjs")).href];
  const args = bundles
    ? [...watch, "--enable-source-maps", path.join(bundles, `${service.name}.mjs`)]
    : [...watch, "--import", "tsx", path.join(repoRoot, service.entry)];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...env, ...service.env, SERVICE_NAME: service.name, MARUGOTO_PARENT_PID: String(process.pid) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  service.child = child;
  child.once("exit", (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    service.crashes = [...service.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (service.crashes.length >= MAX_RAPID_CRASHES) {
      logger.error(`${service.name} crashed ${service.crashes.length} times within ${CRASH_WINDOW_MS / 1000} s; stopping everything`, {
        code,
        signal,
      });
      void stopAll(1);
      return;
    }
    const delay = Math.min(250 * 2 ** (service.crashes.length - 1), 8_000);
    logger.error(`${service.name} exited unexpectedly; restarting`, { code, signal, inMs: delay, crashes: service.crashes.length });
    service.restartTimer = setTimeout(() => {
      if (!stopping) launch(service);
    }, delay);
  });
}

function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    // Whatever happens below, this process is gone within 5 s.
    setTimeout(() => {
      logger.error("stop took too long; killing what is left");
      for (const { child } of services) if (alive(child)) child.kill("SIGKILL");
      if (database) {
        try {
          process.kill(database.pid, "SIGKILL"); // recovers at the next start; better than left running
        } catch {
          // gone
        }
      }
      process.exit(code || 1);
    }, 4_800).unref();
    for (const service of services) clearTimeout(service.restartTimer);
    const running = services.map((s) => s.child).filter(alive);
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (!alive(child)) return resolve();
            const kill = setTimeout(() => child.kill("SIGKILL"), CHILD_GRACE_MS);
            child.once("exit", () => (clearTimeout(kill), resolve()));
            child.kill("SIGTERM");
          }),
      ),
    );
    // The database last, once its clients are gone (also when a signal came while it started).
    database = await databaseStarting?.catch(() => undefined);
    await database?.stop();
    releaseLock();
    logger.info("stopped");
    process.exit(code);
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopping) logger.info("already stopping", { signal });
    else logger.info("stopping", { signal });
    void stopAll(0);
  });
}

/** One `npm start` per data folder: a second would share (and later stop) the first one's database. */
function takeLock(): void {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8").trim());
    let command = "";
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
      // gone
    }
    if (pid !== process.pid && /scripts\/start\.(ts|mjs)/.test(command)) {
      throw new Error(`another npm start (pid ${pid}) already runs on ${dataDir()}: stop it first (Ctrl-C there, or kill ${pid})`);
    }
  }
  writeFileSync(lockFile, `${process.pid}\n`);
}

function releaseLock(): void {
  try {
    if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) rmSync(lockFile);
  } catch {
    // already gone
  }
}

/** Newest modification time of the files under `dir` (skipping build output and dependencies). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** The meeting board, served by the gateway under /board/: built when its sources are newer than the build. */
function buildBoard(): Promise<void> {
  const web = path.join(repoRoot, "web");
  const built = path.join(web, "dist", "index.html");
  if (existsSync(built) && statSync(built).mtimeMs >= newest(web)) return Promise.resolve();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, "node_modules", "vite", "bin", "vite.js"), "build", "web", "--logLevel", "warn"],
      {
        cwd: repoRoot,
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.once("exit", (code) => {
      if (code !== 0) logger.warn("the meeting board did not build; the graph runs without it");
      resolve();
    });
  });
}

/**
 * Each subgraph's own settings (its port, the database, its metrics port, and for cases the
 * meetings subgraph's address) and the address the gateway calls it at. Run together, the
 * subgraphs share one metrics registry: it is served once, on the first subgraph's metrics port.
 */
function subgraphSettings(databaseUrl: string): { urls: Record<string, string>; subgraphEnvs: Record<string, Record<string, string>> } {
  const urls: Record<string, string> = {};
  const subgraphEnvs: Record<string, Record<string, string>> = {};
  for (const def of SUBGRAPHS) urls[def.name] = `http://${host}:${port(def.name, def.defaultPort)}/graphql`;
  for (const [index, def] of SUBGRAPHS.entries()) {
    const p = port(def.name, def.defaultPort);
    // The cases subgraph asks the meetings subgraph about a meeting before disclosing a case to it; the
    // meetings subgraph tells the cases subgraph when an organisation leaves a case meeting.
    const extra: Record<string, string> =
      def.name === "cases" && urls.meetings
        ? { MEETINGS_URL: urls.meetings }
        : def.name === "meetings" && urls.cases
          ? { CASES_URL: urls.cases }
          : {};
    const metrics = subgraphsApart || index === 0 ? metricsPort(index + 1) : {};
    subgraphEnvs[def.name] = { DATABASE_URL: databaseUrl, PORT: String(p), HOST: host, ...extra, ...metrics };
  }
  return { urls, subgraphEnvs };
}

async function waitFor(url: string, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return;
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready at ${url}`);
}

try {
  takeLock();
  const board = buildBoard(); // in parallel with the rest; the gateway serves whatever is built
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    databaseStarting = startEmbeddedPostgres({
      dataDir: path.join(dataDir(), "postgres"),
      port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined,
      avoidPorts: stackPorts(), // a port chosen for the database must not be one a service is about to take
      takeOverOrphan: true, // we hold the lock: a live server on the folder is one a killed start left behind
    });
    database = await databaseStarting;
    databaseUrl = database!.url;
    logger.info("embedded PostgreSQL ready", { url: databaseUrl, dataDir: database!.dataDir });
  }
  if (stopping) await stopping;
  const { urls, subgraphEnvs } = subgraphSettings(databaseUrl!);
  if (subgraphsApart) {
    for (const def of SUBGRAPHS)
      services.push({ name: def.name, entry: `subgraphs/${def.name}/src/index.ts`, env: subgraphEnvs[def.name]!, crashes: [] });
  } else {
    services.push({
      name: "subgraphs",
      entry: "scripts/subgraphs-process.ts",
      env: { MARUGOTO_SUBGRAPH_ENVS: JSON.stringify(subgraphEnvs) },
      crashes: [],
    });
  }
  // The gateway reads the composed supergraph from disk: it starts beside the subgraphs, and its
  // /readiness answers 200 once every subgraph does.
  services.push({
    name: "gateway",
    entry: "gateway/src/index.ts",
    env: {
      PORT: String(gatewayPort),
      HOST: host,
      ...metricsPort(0),
      ...Object.fromEntries(SUBGRAPHS.map((def) => [`${def.name.toUpperCase()}_URL`, urls[def.name]!])),
    },
    crashes: [],
  });
  for (const service of services) launch(service);
  const gatewayUrl = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${gatewayPort}`;
  await Promise.all([waitFor(`${gatewayUrl}/readiness`, "gateway"), board]);
  if (!stopping) {
    process.stdout.write(
      [
        "",
        "まるごとグラフ is running.",
        `  GraphiQL:  ${gatewayUrl}/graphql   (paste a token into its Token field)`,
        `  Board:     ${gatewayUrl}/board/   (sign in with an organisation and a role)`,
        `  Token:     npm run token -- --org seikatsu-fukushi --role staff`,
        `  Stop:      Ctrl-C`,
        "",
      ].join("\n") + "\n",
    );
  }
} catch (error) {
  logger.error("start failed", { error: error instanceof Error ? error.message : String(error) });
  await stopAll(1);
}
