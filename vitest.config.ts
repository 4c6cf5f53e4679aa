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
  "tests/e2e/client-mistakes.e2e.ts",
];

export default defineConfig({
  resolve: {
    // One copy of graphql: Node loads its CommonJS files for dependencies, so our sources must too, and
    // so must every module vite loads itself, subpaths included (`graphql/language/...`): vite would
    // pick the .mjs ones, and an error of one copy is not a GraphQLError to the other — the shared
    // stack's gateway (started in the global setup) answered a syntax error as INTERNAL_SERVER_ERROR.
    alias: [{ find: /^graphql(\/.*)?$/, replacement: "$&", customResolver: (id: string) => require.resolve(id) }],
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
