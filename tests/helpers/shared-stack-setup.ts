import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { captureLogs } from "@marugoto/shared/core";
import { createDatabase, dropDatabase, scratchDatabaseName } from "@marugoto/shared/dev";
import { startStack } from "./stack.js";

/** What the shared stack's test files are given (tests/helpers/shared-stack.ts turns it into a `SharedStack`). */
interface SharedStackInfo {
  gatewayUrl: string;
  wsUrl: string;
  subgraphUrls: Record<string, string>;
  /** The folder of the development keys the gateway verifies: test files mint their tokens with them. */
  keysDir: string;
  /** The stack's own database, for test files that check rows straight in the tables. */
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    sharedStack: SharedStackInfo;
  }
}

/**
 * Global setup of the `e2e-shared` project (vitest.config.ts): one whole graph (every subgraph on
 * its own fresh database, and the gateway) started once for every test file of that project, in
 * place of one per file. It runs only when one of those files is queued. Its log lines go into the
 * run's log folder like every worker's, so the personal-data scan covers them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { databaseUrl: server, logCaptureDir } = project.getProvidedContext();
  const fd = openSync(path.join(logCaptureDir, `shared-stack-${process.pid}.jsonl`), "a");
  const stopCapture = captureLogs((line) => {
    writeSync(fd, line);
    if (line.includes('"level":"error"')) process.stderr.write(line);
  }, "debug");
  const name = scratchDatabaseName("mg_shared");
  const url = await createDatabase(server, name);
  const stack = await startStack({ database: { url, drop: () => dropDatabase(server, name) } });
  project.provide("sharedStack", {
    gatewayUrl: stack.gateway.url,
    wsUrl: stack.gateway.wsUrl,
    subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])),
    keysDir: stack.dataDir,
    databaseUrl: url,
  });
  return async () => {
    await stack.close();
    stopCapture();
    closeSync(fd);
  };
}
