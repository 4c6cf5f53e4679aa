import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, repoRoot } from "@marugoto/shared";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import { bearer, post } from "../helpers/client.js";

/**
 * `npm start` as a newcomer runs it: a real process tree with the embedded PostgreSQL under a
 * data folder, stopped by SIGTERM, started again on the same data.
 */
interface Started {
  child: ChildProcess;
  output: () => string;
  gatewayUrl: string;
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-start-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Every process whose command line mentions the data folder or whose ancestor is `pid`. */
function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [p, pp] of rows) if (pp === parent) (found.push(p), walk(p));
  };
  walk(pid);
  return found;
}

function processesUsing(folder: string): string[] {
  return execFileSync("ps", ["-eo", "args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes(folder) && !l.startsWith("ps "));
}

async function start(): Promise<Started> {
  const [gateway, directory, meetings, cases, hubs] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(gateway),
    DIRECTORY_PORT: String(directory),
    MEETINGS_PORT: String(meetings),
    CASES_PORT: String(cases),
    HUBS_PORT: String(hubs),
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL; // the newcomer's path: embedded PostgreSQL
  delete env.NODE_ENV;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("まるごとグラフ is running")) (clearInterval(timer), resolve());
    }, 100);
    child.once("exit", (code) => (clearInterval(timer), reject(new Error(`start exited ${code}:\n${output}`))));
  });
  return { child, output: () => output, gatewayUrl: `http://127.0.0.1:${gateway}/graphql` };
}

const isAlive = (pid: number) => {
  try {
    // A zombie still answers signal 0; ps shows its state as Z.
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim().startsWith("Z");
  } catch {
    return false;
  }
};

/** SIGTERM, then wait until every process of the tree is gone: that time must stay under 5 s. */
async function stop(started: Started): Promise<{ ms: number; code: number | null }> {
  const tree = descendants(started.child.pid!);
  expect(tree.length).toBeGreaterThanOrEqual(4); // subgraphs, gateway, PostgreSQL
  const t0 = Date.now();
  const exited = new Promise<number | null>((resolve) => started.child.once("exit", (code) => resolve(code)));
  started.child.kill("SIGTERM");
  const code = await exited;
  while (tree.some(isAlive) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
  const ms = Date.now() - t0;
  expect(tree.filter(isAlive)).toEqual([]);
  expect(processesUsing(dataDir)).toEqual([]);
  return { ms, code };
}

async function countOrganizations(url: string): Promise<number> {
  const token = await mintDevToken(await loadOrCreateDevKeys(dataDir), { sub: "t", org: "nozei", roles: ["staff"] });
  const res = await post(url, `{ organizations { id } meetingBodies { id } }`, {}, bearer(token));
  expect(res.errors).toBeUndefined();
  return (res.data!.organizations as unknown[]).length + (res.data!.meetingBodies as unknown[]).length;
}

describe("npm start", () => {
  it("starts everything, stops within 5 s leaving no process, and restarts on the same data without seeding twice", async () => {
    const first = await start();
    expect(first.output()).toContain("GraphiQL:");
    const count = await countOrganizations(first.gatewayUrl);
    expect(count).toBeGreaterThan(100);
    const firstStop = await stop(first);
    expect(firstStop.code).toBe(0);
    expect(firstStop.ms).toBeLessThan(5000);

    const second = await start();
    expect(second.output()).toMatch(/"organizationsCreated":0/);
    expect(second.output()).toMatch(/"bodiesCreated":0,"membersCreated":0,"meetingsCreated":0/);
    expect(second.output()).toMatch(/"casesCreated":0,"sitesCreated":0/);
    expect(second.output()).toMatch(/"districtsCreated":0,"hubsCreated":0,"activitiesCreated":0/);
    expect(await countOrganizations(second.gatewayUrl)).toBe(count);
    const secondStop = await stop(second);
    expect(secondStop.ms).toBeLessThan(5000);
  });
});
