import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { repoRoot } from "@marugoto/shared";
import { TEST_SECRET } from "./stack.js";
import { sleep } from "./subscriptions.js";

/**
 * A spawned process's output (its log lines) also goes into the run's log folder, which the global
 * teardown scans for personal data (tests/helpers/global-setup.ts).
 */
export function recordOutput(label: string, child: ChildProcess): void {
  const file = path.join(inject("logCaptureDir"), `process-${label}-${child.pid ?? "unknown"}.log`);
  const write = (chunk: Buffer | string) => appendFileSync(file, chunk);
  child.stdout?.on("data", write);
  child.stderr?.on("data", write);
}

export interface SpawnedService {
  name: string;
  port: number;
  child: ChildProcess;
  /** stdout and stderr as they came. */
  output: string[];
}

/** An environment without the variables set to `undefined` (`{ NAME: undefined }` unsets an inherited one). */
const withoutUnset = (env: Record<string, string | undefined>): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));

/**
 * A gateway or subgraph as a process of its own (`node --import tsx <entry>`), at LOG_LEVEL=debug
 * unless `env` says otherwise (a variable set to `undefined` there is removed), its output kept and recorded for the log scan.
 */
export function spawnService(name: string, entry: string, port: number, env: Record<string, string | undefined>): SpawnedService {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: withoutUnset({
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "debug",
      HOST: "127.0.0.1",
      PORT: String(port),
      IDENTITY_SECRET: TEST_SECRET,
      SERVICE_NAME: name,
      MARUGOTO_PARENT_PID: String(process.pid),
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const service: SpawnedService = { name, port, child, output: [] };
  child.stdout!.on("data", (d) => service.output.push(String(d)));
  child.stderr!.on("data", (d) => service.output.push(String(d)));
  recordOutput(name, child);
  return service;
}

/** Polls `check` until it holds; on timeout, fails with `describe()`'s account of what was seen. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 120_000,
  describe: () => string = () => "",
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}\n${describe()}`);
}

/** Resolves once `url` answers 2xx. */
export const answers = (url: string) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );
