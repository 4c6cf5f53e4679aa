// `npm start` (and `npm run dev`): compiles the supervisor (scripts/start.ts) and every service it
// runs into plain JavaScript with esbuild (a few hundred milliseconds), then runs the supervisor in
// this very process. No TypeScript loader is left in any process of the graph: loading tsx's hooks
// and transpiling the sources in six processes was most of a start's time.
//
// Each start builds into a folder of its own (two starts on different data folders may run at
// once), removed when it exits; folders of starts that no longer run are removed here.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { enableCompileCache } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildBundles } from "./build-services.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cache = path.join(root, "node_modules", ".cache", "marugoto");
const outdir = path.join(cache, `start-${process.pid}`);

mkdirSync(cache, { recursive: true });
// V8's code cache for the packages every process loads (each process of the graph inherits it).
process.env.NODE_COMPILE_CACHE ??= path.join(cache, "v8");
enableCompileCache(process.env.NODE_COMPILE_CACHE);
for (const entry of readdirSync(cache)) {
  const pid = Number(/^start-(\d+)$/.exec(entry)?.[1]);
  if (!pid || pid === process.pid) continue;
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(path.join(cache, entry), { recursive: true, force: true }); // a start that was killed
  }
}
process.on("exit", () => rmSync(outdir, { recursive: true, force: true }));

const services = ["directory", "meetings", "cases", "hubs"].map((name) => ({ name, entry: `subgraphs/${name}/src/index.ts`, callsMain: true }));
const bundles = await buildBundles(root, outdir, [
  { name: "start", entry: "scripts/start.ts", callsMain: false },
  ...services,
  { name: "gateway", entry: "gateway/src/index.ts", callsMain: true },
]);
process.env.MARUGOTO_SERVICE_BUNDLES = outdir;
await import(pathToFileURL(bundles.start).href);
