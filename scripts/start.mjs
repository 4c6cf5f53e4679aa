// `npm start` (and `npm run dev`): compiles the supervisor (scripts/start.ts) and every service it
// runs into plain JavaScript with esbuild, then runs the supervisor in this very process. No
// TypeScript loader is left in any process of the graph: loading tsx's hooks and transpiling the
// sources in six processes was most of a start's time.
//
// The bundles are kept by a fingerprint of the sources (paths, sizes, modification times): a start
// with unchanged sources reuses them (no build, and V8's code cache knows them), a change builds
// anew (a few hundred milliseconds). A build goes to a folder of its own and is renamed into place,
// so two starts at once never see a half-written bundle. The newest few builds are kept.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { enableCompileCache } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildBundles } from "./build-services.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cache = path.join(root, "node_modules", ".cache", "marugoto");
const KEEP_BUILDS = 5;

mkdirSync(cache, { recursive: true });
// V8's code cache for every module the graph's processes load (each process inherits it).
process.env.NODE_COMPILE_CACHE ??= path.join(cache, "v8");
enableCompileCache(process.env.NODE_COMPILE_CACHE);

/** What the bundles are made of: every source file under these folders, by path, size and time. */
function fingerprint() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === "node_modules" || entry.name === "dist" || entry.name === "migrations") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|mjs|js|json)$/.test(entry.name)) {
        const { size, mtimeMs } = statSync(full);
        hash.update(`${path.relative(root, full)}\0${size}\0${mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["packages", "subgraphs", "gateway/src", "scripts"]) walk(path.join(root, dir));
  const esbuild = JSON.parse(readFileSync(path.join(root, "node_modules", "esbuild", "package.json"), "utf8")).version;
  hash.update(JSON.stringify([process.version, esbuild]));
  return hash.digest("hex").slice(0, 16);
}

const services = ["directory", "meetings", "cases", "hubs"].map((name) => ({
  name,
  entry: `subgraphs/${name}/src/index.ts`,
  callsMain: true,
}));
const outdir = path.join(cache, `bundles-${fingerprint()}`);
if (!existsSync(path.join(outdir, "start.mjs"))) {
  const building = path.join(cache, `building-${process.pid}`);
  try {
    await buildBundles(root, building, [
      { name: "start", entry: "scripts/start.ts", callsMain: false },
      ...services,
      { name: "subgraphs", entry: "scripts/subgraphs-process.ts", callsMain: true },
      { name: "gateway", entry: "gateway/src/index.ts", callsMain: true },
    ]);
    renameSync(building, outdir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    // Another start built the same sources first: theirs is as good.
    if (!existsSync(path.join(outdir, "start.mjs"))) throw error;
  }
} else {
  const now = new Date();
  utimesSync(outdir, now, now); // in use: among the newest kept
}

// Older builds go, beyond the newest few; so do the folders of builds that never finished.
const builds = readdirSync(cache)
  .filter((name) => name.startsWith("bundles-"))
  .map((name) => ({ name, at: statSync(path.join(cache, name)).mtimeMs }))
  .sort((a, b) => b.at - a.at);
for (const { name } of builds.slice(KEEP_BUILDS))
  if (path.join(cache, name) !== outdir) rmSync(path.join(cache, name), { recursive: true, force: true });
for (const name of readdirSync(cache)) {
  const pid = Number(/^(?:building|start)-(\d+)$/.exec(name)?.[1]);
  if (!pid || pid === process.pid) continue;
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}

process.env.MARUGOTO_SERVICE_BUNDLES = outdir;
await import(pathToFileURL(path.join(outdir, "start.mjs")).href);
