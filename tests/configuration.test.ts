import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEVELOPMENT_IDENTITY_SECRET, parseConfig, repoRoot, subgraphEnvFields, subgraphEnvSchema } from "@marugoto/shared";
import { gatewayEnvSchema } from "../gateway/src/config.js";

/**
 * One list of settings in three places: the configuration schemas (and the few variables `npm start`
 * and the logger read themselves), the README's Configuration table and `.env.example`. A variable
 * added to one and not the others fails here.
 */
const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");

/** Read outside the zod schemas: by scripts/start.ts (its processes' ports, the embedded database, restarts) and the logger. */
const OUTSIDE_SCHEMAS: Record<string, string> = {
  EMBEDDED_PG_PORT: "scripts/start.ts",
  GATEWAY_PORT: "scripts/start.ts",
  DIRECTORY_PORT: "scripts/start.ts",
  MEETINGS_PORT: "scripts/start.ts",
  CASES_PORT: "scripts/start.ts",
  HUBS_PORT: "scripts/start.ts",
  START_MAX_RAPID_CRASHES: "scripts/start.ts",
  START_SUBGRAPHS: "scripts/start.ts",
  LOG_LEVEL: "packages/shared/src/logger.ts",
  SERVICE_NAME: "packages/shared/src/logger.ts",
  OTEL_EXPORTER_OTLP_ENDPOINT: "packages/shared/tracing.mjs",
};

function schemaVariables(): Set<string> {
  const keys = [...Object.keys(subgraphEnvFields.shape), ...Object.keys(gatewayEnvSchema.shape)];
  return new Set([...keys, ...Object.keys(OUTSIDE_SCHEMAS)]);
}

/** The variables named in the first column of README's "## Configuration" table. */
function readmeVariables(): Set<string> {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Configuration"));
  const table = section.slice(0, section.indexOf("\n## ", 5));
  const names = new Set<string>();
  for (const line of table.split("\n").filter((l) => l.startsWith("| `"))) {
    const first = line.split("|")[1]!;
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1]!);
  }
  return names;
}

/** Every `NAME=` line of .env.example, commented out or not. */
function envExampleVariables(): Set<string> {
  return new Set([...read(".env.example").matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

const sorted = (set: Set<string>) => [...set].sort();

describe("configuration", () => {
  it("the README table lists exactly the variables the code reads", () => {
    expect(sorted(readmeVariables())).toEqual(sorted(schemaVariables()));
  });

  it("the README table's defaults are the code's, wherever the table writes a literal for each variable", () => {
    const defaults: Record<string, unknown> = {
      ...subgraphEnvFields.parse({ DATABASE_URL: "postgres://a@b/c" }),
      ...parseConfig(gatewayEnvSchema, {}),
    };
    const readme = read("README.md");
    const section = readme.slice(readme.indexOf("## Configuration"));
    const table = section.slice(0, section.indexOf("\n## ", 5));
    const compared: string[] = [];
    for (const line of table.split("\n").filter((l) => l.startsWith("| `"))) {
      const [, first, second] = line.split("|");
      const names = [...first!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!);
      const cell = second!.trim();
      // Only a cell of literals alone, one per variable ("`50`, `200`, `10`"); prose ("unset → …") is read by people.
      if (!/^`[^`]*`(, `[^`]*`)*$/.test(cell)) continue;
      const literals = [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
      if (literals.length !== names.length) continue;
      names.forEach((name, i) => {
        if (!(name in defaults) || defaults[name] === undefined) return;
        const value = defaults[name];
        expect(Array.isArray(value) ? value.join(",") : String(value), name).toBe(literals[i]);
        compared.push(name);
      });
    }
    // Most of the table is literal: a change of format that silently skipped it would fail here.
    expect(compared.length).toBeGreaterThanOrEqual(20);
  });

  it(".env.example lists exactly the variables of the README table", () => {
    expect(sorted(envExampleVariables())).toEqual(sorted(readmeVariables()));
  });

  it("the variables read outside the schemas are really read where this test says", () => {
    for (const [name, file] of Object.entries(OUTSIDE_SCHEMAS)) {
      const source = read(file);
      const dynamicPort = /_PORT$/.test(name) && name !== "EMBEDDED_PG_PORT" && source.includes("_PORT`]");
      expect(source.includes(name) || dynamicPort, `${name} in ${file}`).toBe(true);
    }
  });

  it("npm start and npm run token read .env", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    for (const name of ["start", "token"]) expect(scripts[name]).toContain("--env-file-if-exists=.env");
  });

  it("production refuses the development secret and every placeholder the examples show, in the gateway and the subgraphs", () => {
    const valueOf = (file: string, name: string) => {
      const match = new RegExp(`^#?\\s*${name}[=:]\\s*(\\S+)`, "m").exec(read(file));
      expect(match, `${name} in ${file}`).not.toBeNull();
      return match![1]!;
    };
    const placeholders = [
      DEVELOPMENT_IDENTITY_SECRET,
      valueOf(".env.example", "IDENTITY_SECRET"),
      valueOf("deploy/k8s/base/secret.example.yaml", "IDENTITY_SECRET"),
      valueOf("docker-compose.yml", "IDENTITY_SECRET"),
    ];
    const random = randomBytes(32).toString("base64");
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://a@b/c",
      TRUSTED_DOCUMENTS_PATH: "/m.json",
      JWT_JWKS_URL: "https://idp.example/jwks",
      JWT_ISSUER: "https://idp.example/",
      JWT_AUDIENCE: "marugoto-graph",
    };
    for (const [name, schema] of [
      ["gateway", gatewayEnvSchema],
      ["subgraphs", subgraphEnvSchema],
    ] as const) {
      expect(() => parseConfig(schema, { ...production, IDENTITY_SECRET: random }), name).not.toThrow();
      for (const secret of [...placeholders, random.slice(0, 31)])
        expect(() => parseConfig(schema, { ...production, IDENTITY_SECRET: secret }), `${name}: ${secret}`).toThrow(/IDENTITY_SECRET/);
      // Outside production, any of them starts (development and the compose file use them).
      for (const secret of placeholders)
        expect(() => parseConfig(schema, { ...production, NODE_ENV: "development", IDENTITY_SECRET: secret })).not.toThrow();
      const metrics = { ...production, IDENTITY_SECRET: random, METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" };
      for (const token of [valueOf(".env.example", "METRICS_TOKEN"), valueOf("deploy/k8s/base/secret.example.yaml", "METRICS_TOKEN")])
        expect(() => parseConfig(schema, { ...metrics, METRICS_TOKEN: token }), `${name}: ${token}`).toThrow(/METRICS_TOKEN/);
      expect(() => parseConfig(schema, { ...metrics, METRICS_TOKEN: randomBytes(24).toString("hex") }), name).not.toThrow();
    }
  });
});
