/**
 * The house's floors, checked on every `npm run lint`: the shared kernel imports nothing above it,
 * no subgraph imports another, the gateway imports no subgraph, and runtime code never imports
 * tests, benchmarks, scripts or the development helpers of @marugoto/shared/dev.
 */
module.exports = {
  forbidden: [
    {
      name: "subgraph-imports-another",
      comment: "A subgraph reaches another only through the graph (federation), never by import.",
      severity: "error",
      from: { path: "^subgraphs/([^/]+)/" },
      to: { path: "^subgraphs/", pathNot: "^subgraphs/$1/" },
    },
    {
      name: "kernel-imports-upwards",
      comment: "packages/shared is the floor everything stands on: it imports no subgraph, gateway, script, test or benchmark.",
      severity: "error",
      from: { path: "^packages/shared/src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(subgraphs|gateway|scripts|tests|bench|web|examples)/" },
    },
    {
      name: "gateway-imports-subgraph",
      comment: "The gateway knows the subgraphs by their URLs and the supergraph, not their code.",
      severity: "error",
      from: { path: "^gateway/src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^subgraphs/" },
    },
    {
      name: "runtime-imports-tests-or-tools",
      comment: "Code that runs in production never imports tests, benchmarks or scripts.",
      severity: "error",
      from: { path: "^(packages/shared/src|subgraphs/[^/]+/src|gateway/src|web/src)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(tests|bench|scripts|examples)/" },
    },
    {
      name: "runtime-imports-dev-helpers",
      comment:
        "@marugoto/shared/dev (the embedded PostgreSQL, scratch databases) is for scripts, tests and benchmarks: a service that imported it would carry them into production.",
      severity: "error",
      from: {
        path: "^(packages/shared/src|subgraphs/[^/]+/src|gateway/src)/",
        pathNot: ["\\.test\\.ts$", "^packages/shared/src/(dev|embedded-postgres|database)\\.ts$"],
      },
      to: { path: "^packages/shared/src/(dev|embedded-postgres|database)\\.ts$" },
    },
    {
      name: "no-circular-between-subgraph-folders",
      comment: "Import cycles make load order decide behaviour (type-graphql registers types as modules load).",
      severity: "warn",
      from: { path: "^(packages|subgraphs|gateway)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|test-results)/|^web/src/gql/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: true,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".json"],
    },
  },
};
