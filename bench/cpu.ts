/**
 * CPU time of the graph's processes, read from /proc (Linux; elsewhere the figures are empty): on a
 * shared machine a steadier figure than wall time, and what tells where a request's cost lands.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Clock ticks per second of /proc's CPU fields (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** The fields of /proc/<pid>/stat after the command's closing parenthesis. */
function statFields(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  } catch {
    return undefined;
  }
}

/** A process's CPU time (user + system) in ms; with `reaped`, also that of its children that have ended. */
export function cpuMsOf(pid: number, reaped = false): number | undefined {
  const f = statFields(pid);
  if (!f) return undefined;
  // utime, stime, cutime, cstime are the 12th–15th fields.
  const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
  return ticks * TICK_MS;
}

/** A process's name for the figures: the service bundle it runs, postgres, or its command. */
export function processName(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    if (/^postgres/.test(args[0] ?? "") || /\/postgres$/.test(args[0] ?? "")) return "postgres";
    const bundle = args.map((a) => /([a-z-]+)\.(mjs|ts)$/.exec(a)).find((m) => m && !["index", "parent", "watch-parent"].includes(m[1]!));
    // The four subgraphs in one process (scripts/subgraphs-process.ts, the default) are `subgraphs`.
    if (bundle) return bundle[1] === "subgraphs-process" ? "subgraphs" : bundle[1]!;
    const service = args.map((a) => /(?:subgraphs\/([a-z]+)|(gateway))\/src\/index\.ts$/.exec(a)).find(Boolean);
    if (service) return (service[1] ?? service[2])!;
    return path.basename(args[0] ?? "?");
  } catch {
    return "?";
  }
}

/** `root` and every process under it. */
export function processTree(root: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of rows) if (ppid === pids[i]) pids.push(pid);
  return pids;
}

/** Every PostgreSQL process of the machine (on DATABASE_URL's server, also any other database's backends). */
function postgresPids(): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

/**
 * CPU ms so far, by name: the processes given (several under one name are summed), every
 * PostgreSQL process as `postgres`, and this process (the load driver and its clients) as `driver`.
 */
export function cpuSnapshot(named: Iterable<[string, number]>): Record<string, number> {
  const snapshot: Record<string, number> = {};
  const counted = new Set<number>();
  const add = (name: string, pid: number) => {
    const ms = counted.has(pid) ? undefined : cpuMsOf(pid);
    counted.add(pid);
    if (ms !== undefined) snapshot[name] = (snapshot[name] ?? 0) + ms;
  };
  for (const [name, pid] of named) add(name, pid);
  for (const pid of postgresPids()) add("postgres", pid);
  const own = process.cpuUsage();
  snapshot.driver = (own.user + own.system) / 1000;
  return snapshot;
}

/** CPU ms spent by name between two snapshots (a process that ended meanwhile is not counted). */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, Math.max(0, after[k]! - (before[k] ?? 0))]));
}

/** The block `machineSpeed` hashes. */
const BLOCK = Buffer.alloc(16_384, 7);

/**
 * How fast one core of this machine is at this moment: SHA-256 digests of a 16 KiB block per millisecond, over
 * `ms`. On a shared host the same code's CPU per request or per event varies by up to 2× from one hour to the next;
 * a run's speed says which hour it ran in. Native work, so the size of the calling process's heap does not move it
 * (a JSON round trip measured 50–70 alone and 33 inside the fan-out bench with its 2,000 clients). Consecutive
 * readings on an idle machine differ by up to about 15 %: it tells a slow hour from a fast one, not 5 % from 0.
 * Taken while the graph is idle, before and after the measured phase (both figures in the results).
 */
export function machineSpeed(ms = 300): number {
  const start = performance.now();
  let digests = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 20; i++) createHash("sha256").update(BLOCK).digest();
    digests += 20;
  }
  return Math.round((digests / (performance.now() - start)) * 10) / 10;
}
