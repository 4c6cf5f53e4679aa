import { readFile } from "node:fs/promises";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";

describe("web/src/gql is generated from the board's operations and the committed supergraph", () => {
  it("matches what `npm run codegen` would write", async () => {
    const cwd = process.cwd();
    process.chdir(path.join(repoRoot, "web"));
    try {
      const config = (await import("../web/codegen.js")).default;
      const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
      expect(outputs.length).toBeGreaterThan(0);
      for (const output of outputs) {
        const committed = await readFile(path.resolve(repoRoot, "web", output.filename), "utf8").catch(() => "");
        expect(committed, `${output.filename} drifted: run npm run codegen`).toBe(output.content);
      }
      // The manifest the production gateway loads: every board operation, keyed by its hash.
      const manifest = JSON.parse(outputs.find((o) => o.filename.endsWith("persisted-documents.json"))!.content) as Record<string, string>;
      expect(Object.values(manifest).some((d) => d.includes("subscription BoardAgendaChanged"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
