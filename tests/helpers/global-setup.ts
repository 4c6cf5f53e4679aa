import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { scratchDatabaseName, startEmbeddedPostgres } from "@marugoto/shared/dev";
import { personalValues } from "./personal-values.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server URL; each test file creates its own database on it. */
    databaseUrl: string;
    /** The run's log folder: every worker's log lines (tests/helpers/log-capture.ts) and spawned processes' output. */
    logCaptureDir: string;
  }
}

/** A personal value found in a captured log line. */
export interface Leak {
  value: string;
  file: string;
  line: string;
}

/** Every line of the log folder's files that holds one of `values` (as written, or JSON-escaped). */
export function leaksIn(dir: string, values: string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const file of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, file), "utf8");
    for (const value of values) {
      const escaped = JSON.stringify(value).slice(1, -1);
      if (!text.includes(value) && !text.includes(escaped)) continue;
      for (const line of text.split("\n"))
        if (line.includes(value) || line.includes(escaped)) leaks.push({ value, file, line: line.slice(0, 500) });
    }
  }
  return leaks;
}

/** The run fails when a log line of any worker or spawned process holds a seeded or test-written personal value. */
function checkLogs(dir: string): void {
  const files = readdirSync(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
  const leaks = leaksIn(dir, personalValues());
  if (leaks.length) {
    throw new Error(
      `personal data reached ${leaks.length} log line(s) during the suite (lines kept in ${dir}):\n` +
        leaks
          .slice(0, 20)
          .map((l) => `  ${l.value} in ${l.file}: ${l.line}`)
          .join("\n"),
    );
  }
  rmSync(dir, { recursive: true, force: true });
  if (files.length) console.info(`log scan: ${files.length} files, ${bytes} bytes, no personal value`);
}

/**
 * Tests run against a real PostgreSQL: the one DATABASE_URL names, or an embedded one started
 * here in a temporary folder and removed afterwards. Every log line of the run is kept in a folder
 * of its own and scanned for personal data at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.LOG_LEVEL ??= "error";
  const logs = path.join(os.tmpdir(), scratchDatabaseName("marugoto_test_logs"));
  mkdirSync(logs, { recursive: true });
  project.provide("logCaptureDir", logs);
  const given = process.env.DATABASE_URL;
  const embedded = given
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), scratchDatabaseName("marugoto_test_pg")), ephemeral: true });
  project.provide("databaseUrl", given ?? embedded!.url);
  return async () => {
    await embedded?.stop();
    try {
      checkLogs(logs);
    } catch (error) {
      // vitest only reports an error thrown here; the run must fail.
      process.exitCode = 1;
      throw error;
    }
  };
}
