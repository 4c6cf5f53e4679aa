/**
 * Start-up benchmark: from spawning `npm start` to the gateway's /readiness answering 200.
 * Run: `npm run bench:start` (options: --cold 3 --warm 3).
 *
 * - cold: a fresh DATA_DIR each run (initdb, migrations, seeding);
 * - warm: the data of the last cold run (migrations and seeding find nothing to do).
 *
 * Each run is stopped with SIGTERM (the stop time is reported too). The machine's load average is
 * recorded beside the figures: on a shared machine it explains most of the spread.
 */
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePorts } from "@marugoto/shared/dev";
import { cpuMsOf, processName, processTree } from "./cpu.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { cold: { type: "string", default: "3" }, warm: { type: "string", default: "3" } } });

/**
 * CPU time (user + system, ms) the process tree under `root` has used so far, reaped children
 * (initdb, the board build) included: on a shared machine a steadier figure than wall time.
 * Also by process name (the supervisor as `start`, each service by its name, postgres as one).
 */
function treeCpuMs(root: number): { total: number; byProcess: Record<string, number> } {
  let total = 0;
  const byProcess: Record<string, number> = {};
  for (const pid of processTree(root)) {
    const ms = cpuMsOf(pid, true);
    if (ms === undefined) continue; // gone
    const name = processName(pid);
    total += ms;
    byProcess[name] = (byProcess[name] ?? 0) + ms;
  }
  return { total, byProcess };
}

interface Run {
  kind: "cold" | "warm";
  readyMs: number;
  /** CPU the whole tree used until ready. */
  cpuMs: number;
  /** The same by process (supervisor, services, postgres). */
  cpuByProcess: Record<string, number>;
  stopMs: number;
  load1: number;
}

async function once(kind: Run["kind"], dataDir: string): Promise<Run> {
  const [gateway, directory, meetings, cases, hubs] = await freePorts(5);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(gateway),
    DIRECTORY_PORT: String(directory),
    MEETINGS_PORT: String(meetings),
    CASES_PORT: String(cases),
    HUBS_PORT: String(hubs),
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const load1 = os.loadavg()[0]!;
  const t0 = performance.now();
  const child = spawn("npm", ["start"], { cwd: repoRoot, env, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    if (done) throw new Error("npm start exited before it was ready");
    try {
      if ((await fetch(`http://127.0.0.1:${gateway}/readiness`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - t0;
  const cpu = treeCpuMs(child.pid!);
  const t1 = performance.now();
  child.kill("SIGTERM");
  await exited;
  const stopMs = performance.now() - t1;
  const run = {
    kind,
    readyMs: Math.round(readyMs),
    cpuMs: cpu.total,
    cpuByProcess: cpu.byProcess,
    stopMs: Math.round(stopMs),
    load1: Math.round(load1 * 10) / 10,
  };
  console.log(JSON.stringify(run));
  return run;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};

const runs: Run[] = [];
let last: string | undefined;
for (let i = 0; i < Number(values.cold); i++) {
  if (last) await rm(last, { recursive: true, force: true });
  last = await mkdtemp(path.join(os.tmpdir(), "marugoto-bench-start-"));
  await chmod(last, 0o755); // as root the cluster stays inside (the postgres user must traverse it)
  runs.push(await once("cold", last));
}
if (!last) {
  last = await mkdtemp(path.join(os.tmpdir(), "marugoto-bench-start-"));
  await chmod(last, 0o755);
  await once("cold", last); // prepares the data; not counted
}
for (let i = 0; i < Number(values.warm); i++) runs.push(await once("warm", last));
await rm(last, { recursive: true, force: true });

const summary = (["cold", "warm"] as const).map((kind) => {
  const of = runs.filter((r) => r.kind === kind);
  return {
    kind,
    runs: of.length,
    medianMs: of.length ? median(of.map((r) => r.readyMs)) : null,
    maxMs: of.length ? Math.max(...of.map((r) => r.readyMs)) : null,
    cpuMedianMs: of.length ? median(of.map((r) => r.cpuMs)) : null,
    stopMaxMs: of.length ? Math.max(...of.map((r) => r.stopMs)) : null,
    load1: of.map((r) => r.load1),
  };
});
console.table(summary.map(({ load1, ...rest }) => ({ ...rest, load1: load1.join(" ") })));
const results = path.join(repoRoot, "bench", "results");
await mkdir(results, { recursive: true });
const file = path.join(results, `start-${new Date().toISOString().slice(0, 10)}.json`);
await writeFile(file, JSON.stringify({ cores: os.cpus().length, node: process.version, runs, summary }, null, 2) + "\n");
console.log(`results: ${path.relative(repoRoot, file)}`);
