/**
 * Compiles `npm start`'s supervisor and each of its services (the four subgraphs and the gateway)
 * into one JavaScript file each, so a start runs plain JavaScript: no TypeScript loader hooks and
 * no transpiling in six processes at every start. Only the repository's own modules are bundled; packages from
 * node_modules stay imports (each bundle lies under node_modules/.cache, so they resolve as
 * before). Every module keeps its own `import.meta.url` (the source file's), so paths computed
 * from it (the repository root, a subgraph's migrations folder) mean what they mean under tsx.
 *
 * Building all six takes a few hundred milliseconds. This file uses only erasable TypeScript, so
 * Node runs it without a loader (scripts/start.mjs imports it directly).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop, type Plugin } from "esbuild";

export interface Bundle {
  /** The bundle's name (its file name without extension). */
  name: string;
  /** Its entry module, relative to the repository root. */
  entry: string;
  /** Whether the bundle calls the entry's exported `main()` (a service) or only loads the entry (a script). */
  callsMain: boolean;
}

/** Each bundle's entry: the service module's `main()`, called (its own "am I the main module" check is false in a bundle). */
const runMain: Plugin = {
  name: "run-main",
  setup(b) {
    b.onResolve({ filter: /^service:/ }, (args) => ({ path: args.path.slice("service:".length), namespace: "service" }));
    b.onLoad({ filter: /.*/, namespace: "service" }, (args) => ({
      contents: `import { main } from ${JSON.stringify(args.path)};\nawait main();\n`,
      resolveDir: path.dirname(args.path),
      loader: "js",
    }));
  },
};

/** Our own modules (workspace packages and relative imports) are bundled; packages stay imports. */
const ownModulesOnly: Plugin = {
  name: "own-modules-only",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@marugoto/") || args.path.startsWith("service:") ? undefined : { path: args.path, external: true },
    );
  },
};

/** Each source file keeps its own `import.meta.url`, as if it ran unbundled. */
function ownImportMetaUrl(root: string): Plugin {
  return {
    name: "own-import-meta-url",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`) || !args.path.startsWith(root)) return undefined;
        const source = await readFile(args.path, "utf8");
        return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
      });
    },
  };
}

/**
 * Builds one bundle per entry into `outdir`, which must lie inside the repository (so that imports
 * of packages resolve from its node_modules); returns the path of each bundle, by name.
 */
export async function buildBundles(root: string, outdir: string, bundles: Bundle[]): Promise<Record<string, string>> {
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(bundles.map((b) => [b.name, `${b.callsMain ? "service:" : ""}${path.join(root, b.entry)}`])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: false,
    platform: "node",
    format: "esm",
    target: "node24",
    sourcemap: "linked",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [runMain, ownModulesOnly, ownImportMetaUrl(root)],
    logLevel: "warning",
  }).finally(() => stop()); // esbuild's service process is not left running beside the graph
  return Object.fromEntries(bundles.map((b) => [b.name, path.join(outdir, `${b.name}.mjs`)]));
}
