/**
 * Each workspace declares the packages its own code imports: a workspace that leans on a package
 * only because the root (or a sibling) installed it breaks when built, deployed or moved alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";

interface Manifest {
  name: string;
  exports?: string | Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;
const WORKSPACES = readJson<{ workspaces: string[] }>(path.join(repoRoot, "package.json")).workspaces;
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const NOT_SHIPPED = /\.(test|e2e)\.[mc]?[jt]sx?$/;
const BUILTINS = new Set(builtinModules);

/** The workspace's shipped source: everything under src/ and whatever its exports name outside it. */
function sourceFiles(dir: string, manifest: Manifest): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(full);
      return SOURCE.test(entry.name) && !NOT_SHIPPED.test(entry.name) ? [full] : [];
    });
  const exported = Object.values(typeof manifest.exports === "string" ? { ".": manifest.exports } : (manifest.exports ?? {}))
    .flatMap((target) => (typeof target === "string" ? [target] : Object.values(target)))
    .map((target) => path.join(dir, target))
    .filter((file) => !file.startsWith(path.join(dir, "src") + path.sep));
  return [...walk(path.join(dir, "src")), ...exported];
}

/** Module specifiers of static and dynamic imports, re-exports and requires with a literal name. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire(?:\.resolve)?\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for a relative, absolute or builtin one. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return null;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return BUILTINS.has(name) ? null : name;
}

function undeclaredImports(workspace: string): string[] {
  const dir = path.join(repoRoot, workspace);
  const manifest = readJson<Manifest>(path.join(dir, "package.json"));
  const declared = new Set(
    [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap((deps) =>
      Object.keys(deps ?? {}),
    ),
  );
  // Each undeclared package with the first file that imports it.
  const missing = new Map<string, string>();
  for (const file of sourceFiles(dir, manifest)) {
    for (const specifier of specifiers(readFileSync(file, "utf8"))) {
      const name = packageOf(specifier);
      if (name && !name.startsWith("@marugoto/") && !declared.has(name) && !missing.has(name))
        missing.set(name, path.relative(repoRoot, file));
    }
  }
  return [...missing].map(([name, file]) => `${name} (${file})`).sort();
}

/**
 * Packages the workspace's src/ imports (what `npm start` bundles) that are not installed at the
 * root. Its bundles are kept under the root's node_modules/.cache, so their imports resolve from the
 * root; npm installs a dependency under its workspace instead when the root holds another version (or
 * another package's peer range excludes it).
 */
function importsNotAtRoot(workspace: string): string[] {
  const dir = path.join(repoRoot, workspace);
  const files = sourceFiles(dir, readJson<Manifest>(path.join(dir, "package.json"))).filter((f) => f.startsWith(path.join(dir, "src")));
  const names = new Set(files.flatMap((file) => specifiers(readFileSync(file, "utf8")).map(packageOf)));
  return [...names]
    .filter((name): name is string => !!name && !name.startsWith("@marugoto/"))
    .filter((name) => {
      try {
        readFileSync(path.join(repoRoot, "node_modules", name, "package.json"));
        return false;
      } catch {
        return true;
      }
    })
    .sort();
}

describe("workspace dependencies", () => {
  it("reads the package a specifier names, builtins and relative paths excepted", () => {
    expect(
      specifiers(
        `import a from "a";\nimport type { B } from "@b/c/d";\nexport { e } from "./e.js";\nimport "f";\nawait import("g/h");\nrequire.resolve("i/j.ttf");`,
      ),
    ).toEqual(["a", "@b/c/d", "./e.js", "f", "g/h", "i/j.ttf"]);
    expect(["a", "@b/c/d", "./e.js", "node:fs", "fs", "path/posix", "g/h"].map(packageOf)).toEqual([
      "a",
      "@b/c",
      null,
      null,
      null,
      null,
      "g",
    ]);
  });

  it.each(WORKSPACES)("%s declares every package its source imports", (workspace) => {
    expect(undeclaredImports(workspace)).toEqual([]);
  });

  // `npm start` runs bundles kept under the root's node_modules/.cache: the packages they import must
  // resolve from the root. npm installs a workspace's dependency under that workspace instead when
  // the root holds another version of it (or another package's peer range excludes it).
  it.each(WORKSPACES.filter((w) => w !== "web"))(
    "%s's source imports packages installed at the root, where npm start's bundles find them",
    (workspace) => {
      expect(importsNotAtRoot(workspace)).toEqual([]);
    },
  );
});
