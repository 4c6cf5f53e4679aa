import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";
import { freePorts } from "@marugoto/shared/dev";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import { bearer, post } from "../helpers/client.js";
import { recordOutput } from "../helpers/processes.js";

/**
 * `npm start` as a newcomer and a supervisor run it: `npm start` itself (npm → node, no wrapper),
 * the embedded PostgreSQL under a data folder, ephemeral ports. Every way of stopping it — SIGINT
 * or SIGTERM to the npm pid, SIGTERM to the process group, a double Ctrl-C to the group — stops
 * every process within 5 s, the database last, leaving none behind; a crashed child is restarted.
 *
 * Each path runs LOOPS times: the first run waits until the graph answers, the others signal at
 * a random moment while it starts (the children still booting, the database up).
 */
const LOOPS = Number(process.env.START_E2E_LOOPS ?? 5);

interface Started {
  npm: ChildProcess;
  output: () => string;
  gatewayUrl: string;
  gatewayBase: string;
  exited: Promise<number | null>;
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-start-"));
  // As root, PostgreSQL runs as the postgres user, which must traverse the folder to keep its
  // cluster there (and so name the folder on its command line, which the orphan check looks for).
  await chmod(dataDir, 0o755);
});
afterAll(async () => {
  // Whatever a failed test left behind.
  for (const npm of spawned) {
    if (npm.exitCode === null && npm.signalCode === null) {
      try {
        process.kill(-npm.pid!, "SIGTERM");
      } catch {
        // gone
      }
    }
  }
  await sleep(5000);
  for (const line of processesUsing(dataDir)) {
    const pid = Number(line.trim().split(/\s+/)[0]);
    if (pid) process.kill(pid, "SIGKILL");
  }
  await rm(dataDir, { recursive: true, force: true });
});

function processTable(): { pid: number; ppid: number; args: string }[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), args: args.join(" ") };
    });
}

/** Every process whose ancestor is `pid`. */
function descendants(pid: number): { pid: number; args: string }[] {
  const rows = processTable();
  const found: { pid: number; args: string }[] = [];
  const walk = (parent: number) => {
    for (const row of rows) {
      if (row.ppid !== parent) continue;
      found.push(row);
      walk(row.pid);
    }
  };
  walk(pid);
  return found;
}

/** Every live process whose command line names the data folder (the embedded PostgreSQL does). */
function processesUsing(folder: string): string[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes(folder) && !/^\s*\d+\s+Z/.test(l) && !l.includes(" ps -eo"));
}

/** The pids of `pids` still alive (a zombie still answers signal 0; ps shows its state as Z). One ps call. */
function aliveAmong(pids: number[]): number[] {
  const live = new Set(
    execFileSync("ps", ["-eo", "pid=,stat="], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter(([, stat]) => !stat!.startsWith("Z"))
      .map(([pid]) => Number(pid)),
  );
  return pids.filter((pid) => live.has(pid));
}

/** Every `npm start` this file spawned: whatever a failed test left running is stopped at the end. */
const spawned: ChildProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Spawns `npm start` in its own process group (so the test can signal the group, as a terminal does). */
async function spawnStart(extraEnv: Record<string, string> = {}): Promise<Started> {
  const [gateway, directory, meetings, cases, hubs] = await freePorts(5);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(gateway),
    DIRECTORY_PORT: String(directory),
    MEETINGS_PORT: String(meetings),
    CASES_PORT: String(cases),
    HUBS_PORT: String(hubs),
    LOG_LEVEL: "info",
    ...extraEnv,
  };
  delete env.DATABASE_URL; // the newcomer's path: embedded PostgreSQL
  delete env.NODE_ENV;
  const npm = spawn("npm", ["start"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  spawned.push(npm);
  let output = "";
  npm.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  npm.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  recordOutput("npm-start", npm);
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  const gatewayBase = `http://127.0.0.1:${gateway}`;
  return { npm, output: () => output, gatewayUrl: `${gatewayBase}/graphql`, gatewayBase, exited };
}

async function waitRunning(started: Started, timeoutMs = 150_000): Promise<void> {
  let done = false;
  void started.exited.then(() => (done = true));
  await until(
    "まるごとグラフ is running",
    () => {
      if (done) throw new Error(`npm start exited:\n${started.output()}`);
      return started.output().includes("まるごとグラフ is running");
    },
    timeoutMs,
  );
}

async function start(extraEnv: Record<string, string> = {}): Promise<Started> {
  const started = await spawnStart(extraEnv);
  await waitRunning(started);
  return started;
}

/** Started, then signalled at a random moment once the database is up and the children are booting. */
async function startPartly(): Promise<Started> {
  const started = await spawnStart();
  await until("the embedded PostgreSQL", () => started.output().includes("embedded PostgreSQL ready"), 120_000);
  await sleep(Math.floor(Math.random() * 2000));
  return started;
}

type Path = "SIGINT to pid" | "SIGTERM to pid" | "SIGTERM to group" | "SIGINT twice to group";

/** Sends the signal(s), then waits until every process of the tree is gone: that must take < 5 s. */
async function stop(started: Started, how: Path): Promise<{ ms: number; code: number | null }> {
  const pid = started.npm.pid!;
  const tree = descendants(pid).map((p) => p.pid);
  expect(tree.length).toBeGreaterThanOrEqual(1); // at least the supervisor (npm → node)
  const t0 = Date.now();
  if (how === "SIGINT to pid") process.kill(pid, "SIGINT");
  else if (how === "SIGTERM to pid") process.kill(pid, "SIGTERM");
  else if (how === "SIGTERM to group") process.kill(-pid, "SIGTERM");
  else {
    process.kill(-pid, "SIGINT");
    await sleep(80);
    // A fast stop may already be over: the group is gone (ESRCH), which is what the second Ctrl-C wants.
    try {
      process.kill(-pid, "SIGINT");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  const code = await Promise.race([started.exited, sleep(10_000).then(() => "timeout" as const)]);
  while ((aliveAmong([pid, ...tree]).length || processesUsing(dataDir).length) && Date.now() - t0 < 10_000) await sleep(50);
  const ms = Date.now() - t0;
  expect(code, started.output()).not.toBe("timeout");
  expect(aliveAmong([pid, ...tree])).toEqual([]);
  expect(processesUsing(dataDir)).toEqual([]);
  expect(ms, `${how}: stopped in ${ms} ms`).toBeLessThan(5000);
  expect(started.output()).not.toContain("stop took too long");
  return { ms, code: code as number | null };
}

async function countOrganizations(url: string): Promise<number> {
  const token = await mintDevToken(await loadOrCreateDevKeys(dataDir), { sub: "t", org: "nozei", roles: ["staff"] });
  const res = await post(url, `{ organizations { id } meetingBodies { id } }`, {}, bearer(token));
  expect(res.errors).toBeUndefined();
  return (res.data!.organizations as unknown[]).length + (res.data!.meetingBodies as unknown[]).length;
}

/** The processes of `npm start`'s tree that run the named service's bundle. */
function serviceProcesses(started: Started, name: string) {
  return descendants(started.npm.pid!).filter((p) => new RegExp(`/bundles-[0-9a-f]+/${name}\\.mjs`).test(p.args));
}

/**
 * Kills the service's process with SIGKILL and waits until it is replaced and the graph is ready
 * again; meanwhile the gateway's /healthcheck answers 200 every time, and `alsoEach` runs beside it.
 */
async function expectRestartedWhileGatewayAnswers(
  started: Started,
  processes: () => { pid: number }[],
  name: string,
  alsoEach: () => Promise<void> = async () => {},
): Promise<void> {
  const [first] = processes();
  expect(first).toBeDefined();
  const health: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      health.push(
        await fetch(`${started.gatewayBase}/healthcheck`).then(
          (r) => r.status,
          () => 0,
        ),
      );
      await alsoEach();
      await sleep(100);
    }
  })();
  process.kill(first!.pid, "SIGKILL");
  await until(`a new ${name} process`, () => processes().some((p) => p.pid !== first!.pid), 30_000);
  await until(
    "readiness again",
    () =>
      fetch(`${started.gatewayBase}/readiness`).then(
        (r) => r.ok,
        () => false,
      ),
    120_000,
  );
  polling = false;
  await poller;
  expect(started.output()).toContain(`${name} exited unexpectedly; restarting`);
  expect(health.length).toBeGreaterThan(3);
  expect(health.every((s) => s === 200)).toBe(true);
  expect(await countOrganizations(started.gatewayUrl)).toBeGreaterThan(100);
}

/** One full start (the graph answers), then LOOPS - 1 starts signalled while starting. */
async function exercise(how: Path): Promise<void> {
  const full = await start();
  expect(await countOrganizations(full.gatewayUrl)).toBeGreaterThan(100);
  const { code } = await stop(full, how);
  if (how === "SIGINT twice to group" && code === null) {
    // npm may itself be ended by the second Ctrl-C: once its child has exited it no longer handles the
    // signal. Everything had stopped by then (checked by stop()); the supervisor's last line says so
    // (it logs "stopped" right before it exits 0).
    expect(full.npm.signalCode).toBe("SIGINT");
    expect(full.output()).toMatch(/"message":"stopped"/);
  } else expect(code).toBe(0);
  for (let i = 1; i < LOOPS; i++) await stop(await startPartly(), how);
}

describe("npm start", () => {
  it("runs through npm as one process tree, stops on SIGINT to its pid, recovers from a start killed with SIGKILL, and restarts on the same data without seeding twice", async () => {
    const first = await start();
    const pid = first.npm.pid!;
    // npm → node scripts/start.mjs (no shell, no wrapper) → the subgraphs and the gateway.
    const supervisor = descendants(pid).filter((p) => p.args.includes("scripts/start.mjs"));
    expect(supervisor).toHaveLength(1);
    expect(processTable().find((p) => p.pid === supervisor[0]!.pid)!.ppid).toBe(pid);
    // Every service runs its compiled bundle: no TypeScript loader in any process of the tree. The
    // four subgraphs share one process by default (START_SUBGRAPHS=apart: the last test).
    const services = processTable().filter((p) => p.ppid === supervisor[0]!.pid && !p.args.includes(dataDir));
    expect(services.map((p) => /\/bundles-[0-9a-f]+\/(\w+)\.mjs/.exec(p.args)?.[1]).sort()).toEqual(["gateway", "subgraphs"]);
    expect(descendants(pid).filter((p) => /\btsx\b/.test(p.args))).toEqual([]);
    expect(first.output()).toContain("GraphiQL:");
    const count = await countOrganizations(first.gatewayUrl);
    expect(count).toBeGreaterThan(100);
    expect((await stop(first, "SIGINT to pid")).code).toBe(0);

    // A start killed with SIGKILL: its children notice and exit, its database (own session) stays;
    // the next start finds that server on the folder and stops it before starting its own.
    const killed = await startPartly();
    const supervisorOfKilled = descendants(killed.npm.pid!).find((p) => p.args.includes("scripts/start.mjs"))!;
    // Its own children (the subgraphs, the gateway), not PostgreSQL's.
    const childProcesses = processTable().filter((p) => p.ppid === supervisorOfKilled.pid && !p.args.includes(dataDir));
    const children = childProcesses.map((p) => p.pid);
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);
    process.kill(supervisorOfKilled.pid, "SIGKILL");
    await killed.exited;
    await until("the children to exit", () => aliveAmong(children).length === 0, 10_000).catch((error) => {
      const left = aliveAmong(children);
      throw new Error(`${error}: ${JSON.stringify(childProcesses.filter((p) => left.includes(p.pid)))}\n${killed.output()}`);
    });
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);

    const second = await start();
    expect(second.output()).toContain("a server left running by an earlier start");
    expect(second.output()).toMatch(/"organizationsCreated":0/);
    expect(second.output()).toMatch(/"bodiesCreated":0,"membersCreated":0,"meetingsCreated":0/);
    expect(second.output()).toMatch(/"casesCreated":0,"sitesCreated":0/);
    expect(second.output()).toMatch(/"districtsCreated":0,"hubsCreated":0,"activitiesCreated":0/);
    expect(await countOrganizations(second.gatewayUrl)).toBe(count);
    await stop(second, "SIGINT to pid");
    for (let i = 2; i < LOOPS; i++) await stop(await startPartly(), "SIGINT to pid");
  }, 600_000);

  it("stops on SIGTERM to the npm pid (what a supervisor sends)", () => exercise("SIGTERM to pid"), 600_000);
  it("stops on SIGTERM to the process group", () => exercise("SIGTERM to group"), 600_000);
  it("stops on a double Ctrl-C (SIGINT twice, quickly, to the process group)", () => exercise("SIGINT twice to group"), 600_000);

  it("restarts the subgraphs' process killed with SIGKILL while the gateway keeps answering; too many crashes stop everything cleanly", async () => {
    const started = await start({ START_MAX_RAPID_CRASHES: "2" });
    const subgraphs = () => serviceProcesses(started, "subgraphs");
    await expectRestartedWhileGatewayAnswers(started, subgraphs, "subgraphs");

    // A second crash within the window reaches the limit (2 here): everything stops, exit 1.
    const tree = descendants(started.npm.pid!).map((p) => p.pid);
    process.kill(subgraphs()[0]!.pid, "SIGKILL");
    const code = await Promise.race([started.exited, sleep(10_000).then(() => "timeout" as const)]);
    expect(code).not.toBe(0);
    expect(code).not.toBe("timeout");
    await until("no process left", () => aliveAmong(tree).length === 0 && processesUsing(dataDir).length === 0, 5_000);
    expect(started.output()).toMatch(/subgraphs crashed 2 times/);
  }, 600_000);

  it("START_SUBGRAPHS=apart runs each subgraph in its own process: a crashed one is restarted while the others keep answering", async () => {
    const started = await start({ START_SUBGRAPHS: "apart" });
    const supervisor = descendants(started.npm.pid!).find((p) => p.args.includes("scripts/start.mjs"))!;
    const services = processTable().filter((p) => p.ppid === supervisor.pid && !p.args.includes(dataDir));
    expect(services.map((p) => /\/bundles-[0-9a-f]+\/(\w+)\.mjs/.exec(p.args)?.[1]).sort()).toEqual([
      "cases",
      "directory",
      "gateway",
      "hubs",
      "meetings",
    ]);
    const token = await mintDevToken(await loadOrCreateDevKeys(dataDir), { sub: "t", org: "nozei", roles: ["staff"] });
    // The directory keeps answering through the gateway while meetings is down.
    const directoryAnswers: boolean[] = [];
    const meetings = () => serviceProcesses(started, "meetings");
    await expectRestartedWhileGatewayAnswers(started, meetings, "meetings", async () => {
      const res = await post(started.gatewayUrl, `{ organizations { id } }`, {}, bearer(token)).catch(() => undefined);
      directoryAnswers.push(!!res && !res.errors && (res.data!.organizations as unknown[]).length > 100);
    });
    expect(directoryAnswers.length).toBeGreaterThan(3);
    expect(directoryAnswers.every(Boolean)).toBe(true);
    expect((await stop(started, "SIGTERM to pid")).code).toBe(0);
  }, 600_000);
});
