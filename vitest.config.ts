import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * End-to-end files that run side by side on one graph (tests/helpers/shared-stack.ts) rather than
 * each booting its own: each checks only what it wrote or seed data no file changes.
 */
const SHARED_STACK_FILES = [
  "tests/e2e/calendar.e2e.ts",
  "tests/e2e/foundation.e2e.ts",
  "tests/e2e/frontend-examples.e2e.ts",
  "tests/e2e/hubs.e2e.ts",
  "tests/e2e/lifecycle.e2e.ts",
  "tests/e2e/variable-errors.e2e.ts",
];

export default defineConfig({
  resolve: {
    // One copy of graphql: Node loads its CommonJS entry for dependencies, so our sources must too
    // (vite would pick the .mjs one and graphql would see "another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Every worker's log lines, at debug, into the run's log folder (printed only at LOG_LEVEL); scanned for personal data at the end.
    setupFiles: ["tests/helpers/log-capture.ts"],
    env: { LOG_LEVEL: "error" },
    projects: [
      {
        extends: true,
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.test.ts", "subgraphs/*/src/**/*.test.ts", "gateway/src/**/*.test.ts", "tests/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/**/*.e2e.ts"],
          exclude: SHARED_STACK_FILES,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e-shared",
          include: SHARED_STACK_FILES,
          globalSetup: ["tests/helpers/shared-stack-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
