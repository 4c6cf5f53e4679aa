/**
 * Setup file of every test worker (vitest.config.ts `setupFiles`): every log line of the worker's
 * processes — the graph running in it and processes its tests spawn — goes, at LOG_LEVEL=debug,
 * into a file of the run's log folder, and the global teardown (global-setup.ts) fails the run if
 * any holds a personal value. Only lines at the configured LOG_LEVEL (error in the suite) or above
 * are also printed, as before.
 */
import { openSync, writeSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { captureLogs, pinoLogger } from "@marugoto/shared/core";

const RANK: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50 };
/** The least severe level still printed: LOG_LEVEL as the worker was started (false: none). */
const printed = process.env.LOG_LEVEL === "false" ? Infinity : (RANK[process.env.LOG_LEVEL ?? "info"] ?? RANK.info!);

interface WorkerCapture {
  fd: number;
  /** Logger instances already captured (a test file may load the logger module afresh). */
  captured: WeakSet<object>;
}
const KEY = Symbol.for("marugoto.test-log-capture");
const state = globalThis as unknown as Record<symbol, WorkerCapture | undefined>;

function workerCapture(): WorkerCapture {
  state[KEY] ??= { fd: openSync(path.join(inject("logCaptureDir"), `worker-${process.pid}.jsonl`), "a"), captured: new WeakSet() };
  return state[KEY];
}

const capture = workerCapture();
if (!capture.captured.has(pinoLogger)) {
  capture.captured.add(pinoLogger);
  captureLogs((line) => {
    writeSync(capture.fd, line);
    const level = /"level":"(\w+)"/.exec(line)?.[1];
    if ((RANK[level ?? "error"] ?? RANK.error!) >= printed) process.stderr.write(line);
  }, "debug");
}
