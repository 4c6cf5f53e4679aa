// Lint rules for every workspace (`npm run lint`, run in CI beside the dependency rules).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "web/src/gql/**", "test-results/**", "coverage/**", ".data/**", "**/migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      // Unused names are mistakes, except deliberately ignored ones (`_arg`) and rest siblings.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Empty catch blocks are how "already gone" is said here; each carries a comment.
      "no-empty": ["error", { allowEmptyCatch: true }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // Japanese text uses the ideographic space (U+3000) inside strings and templates.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  {
    // Shipped code stays in functions a reader can hold in mind (tests, benchmarks and examples excepted).
    files: ["packages/*/src/**/*.ts", "subgraphs/*/src/**/*.ts", "gateway/src/**/*.ts", "web/src/**/*.ts", "scripts/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests, benchmarks, examples and scripts report on the console; tests read untyped JSON answers.
    files: ["tests/**", "bench/**", "examples/**", "scripts/**", "**/*.test.ts"],
    rules: { "no-console": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.js", "**/*.cjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        URL: "readonly",
        setTimeout: "readonly",
        setInterval: "readonly",
      },
    },
  },
);
