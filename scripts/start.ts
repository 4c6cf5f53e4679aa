/**
 * `npm start`: PostgreSQL (embedded under .data/ unless DATABASE_URL is set), every subgraph and
 * the gateway, each its own process. Ctrl-C or SIGTERM stops them all, the database last.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { dataDir, logger, repoRoot, startEmbeddedPostgres, type EmbeddedPostgres } from "@marugoto/shared";
import { SUBGRAPHS, subgraphEntry } from "./subgraphs.js";

process.env.SERVICE_NAME = "start";
const env = process.env;
const host = env.HOST ?? "127.0.0.1";
const gatewayPort = Number(env.GATEWAY_PORT ?? 4000);
const port = (name: string, fallback: number) => Number(env[`${name.toUpperCase()}_PORT`] ?? fallback);

const children: { name: string; child: ChildProcess }[] = [];
let database: EmbeddedPostgres | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  const deadline = setTimeout(() => {
    for (const { child } of children) child.kill("SIGKILL");
  }, 3000);
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  clearTimeout(deadline);
  await database?.stop();
  logger.info("stopped");
  process.exit(code);
}
process.once("SIGINT", () => void stopAll(0));
process.once("SIGTERM", () => void stopAll(0));

function launch(name: string, entry: string, extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...env, ...extraEnv, SERVICE_NAME: name, MARUGOTO_PARENT_PID: String(process.pid) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push({ name, child });
  child.once("exit", (code, signal) => {
    if (stopping) return;
    logger.error(`${name} exited unexpectedly`, { code, signal });
    void stopAll(1);
  });
  return child;
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
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become ready at ${url}`);
}

try {
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    database = await startEmbeddedPostgres({
      dataDir: path.join(dataDir(), "postgres"),
      port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined,
    });
    databaseUrl = database.url;
    logger.info("embedded PostgreSQL ready", { url: databaseUrl, dataDir: database.dataDir });
  }
  // The meeting board, built once per start (a second or so), served by the gateway under /board/.
  const build = spawnSync(process.execPath, [path.join(repoRoot, "node_modules", "vite", "bin", "vite.js"), "build", "web", "--logLevel", "warn"], { cwd: repoRoot, stdio: "inherit" });
  if (build.status !== 0) logger.warn("the meeting board did not build; the graph runs without it");
  const urls: Record<string, string> = {};
  for (const def of SUBGRAPHS) {
    const p = port(def.name, def.defaultPort);
    urls[def.name] = `http://${host}:${p}/graphql`;
    // The cases subgraph asks the meetings subgraph about a meeting before disclosing a case to it.
    const extra: Record<string, string> = def.name === "cases" && urls.meetings ? { MEETINGS_URL: urls.meetings } : {};
    launch(def.name, subgraphEntry(def.name), { DATABASE_URL: databaseUrl, PORT: String(p), HOST: host, ...extra });
  }
  await Promise.all(SUBGRAPHS.map((def) => waitFor(new URL("/health", urls[def.name]).toString(), def.name)));
  launch("gateway", "gateway/src/index.ts", {
    PORT: String(gatewayPort),
    HOST: host,
    ...Object.fromEntries(SUBGRAPHS.map((def) => [`${def.name.toUpperCase()}_URL`, urls[def.name]!])),
  });
  const gatewayUrl = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${gatewayPort}`;
  await waitFor(`${gatewayUrl}/readiness`, "gateway");
  if (!stopping) {
    process.stdout.write(
      [
        "",
        "まるごとグラフ is running.",
        `  GraphiQL:  ${gatewayUrl}/graphql`,
        `  Board:     ${gatewayUrl}/board/   (sign in with an organisation and a role)`,
        `  Token:     npm run token -- --org seikatsu-fukushi --role staff`,
        `             then add the header  Authorization: Bearer <token>`,
        `  Stop:      Ctrl-C`,
        "",
      ].join("\n") + "\n",
    );
  }
} catch (error) {
  logger.error("start failed", { error: error instanceof Error ? error.message : String(error) });
  await stopAll(1);
}
