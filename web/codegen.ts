import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Types for every operation of the board, from the committed supergraph; and the manifest of the
 * board's operations (persisted documents) that the gateway's trusted documents use in production.
 * `npm run codegen` writes web/src/gql/; a test fails when it drifts.
 */
const config: CodegenConfig = {
  schema: "../schema/supergraph.graphql",
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { persistedDocuments: { hashAlgorithm: "sha256" }, fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { ID: "string", DateTimeISO: "string", LocalDate: "string" } },
    },
  },
};

export default config;
