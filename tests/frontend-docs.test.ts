import { existsSync, globSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";

/**
 * docs/frontend.md against the repository: its Apollo cache is the example's own `createCache()`,
 * and every command and path it names exists. (The examples themselves run in tests/e2e/frontend-examples.e2e.ts.)
 */
const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
const docs = read("docs/frontend.md");
const normalise = (code: string) => code.replace(/\s+/g, " ").trim();

/** The body of the first fenced block after a heading. */
function blockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(heading);
  expect(at, heading).toBeGreaterThanOrEqual(0);
  const match = /```\w*\n([\s\S]*?)```/.exec(markdown.slice(at));
  expect(match, `a code block after ${heading}`).not.toBeNull();
  return match![1]!;
}

/** A top-level function of a TypeScript file, from `export function name` to its closing brace at column 0. */
function functionText(source: string, name: string): string {
  const start = source.indexOf(`export function ${name}(`);
  expect(start, name).toBeGreaterThanOrEqual(0);
  return source.slice(start, source.indexOf("\n}\n", start) + 2);
}

describe("docs/frontend.md", () => {
  it("shows the Apollo type policies exactly as examples/apollo-client.ts's createCache() (the one the tests run)", () => {
    const block = blockAfter(docs, "### The cache: `typePolicies`");
    const example = read("examples/apollo-client.ts");
    const imports = block.split("\n").filter((line) => line.startsWith("import "));
    const code = block
      .split("\n")
      .filter((line) => !line.startsWith("import "))
      .join("\n");
    expect(normalise(code)).toBe(normalise(functionText(example, "createCache")));
    // What the block imports, the example imports too (it may import more).
    for (const line of imports) {
      const [, names, from] = /^import \{ (.+) \} from "(.+)";$/.exec(line)!;
      const there = new RegExp(`^import \\{ (.+) \\} from "${from!.replace(/[/.]/g, "\\$&")}";$`, "m").exec(example);
      expect(there, from).not.toBeNull();
      for (const name of names!.split(", ")) expect(there![1]!.split(", "), `${name} from ${from}`).toContain(name);
    }
  });

  it("names only npm scripts that package.json has", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    const named = [...docs.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((m) => m[1]!);
    expect(named).toContain("trusted-documents");
    for (const name of new Set(named)) expect(Object.keys(scripts), name).toContain(name);
  });

  it("names only repository paths that exist (a glob matches at least one file)", () => {
    const paths = new Set(
      [...docs.matchAll(/\b((?:examples|web|scripts|tests|docs|gateway|subgraphs|packages|schema|deploy|bench|data|ops)\/[\w./*-]*)/g)].map(
        (m) => m[1]!.replace(/\.$/, ""),
      ),
    );
    expect(paths).toContain("examples/operations/*.graphql");
    for (const p of paths) {
      const found = p.includes("*") ? globSync(p, { cwd: repoRoot }).length > 0 : existsSync(path.join(repoRoot, p));
      expect(found, p).toBe(true);
    }
  });
});
