/**
 * The four subgraphs in one process: what `npm start` runs on a development machine (unless
 * START_SUBGRAPHS=apart). The supervisor hands each subgraph its own settings (port, metrics port,
 * the meetings subgraph's address for cases) as JSON in MARUGOTO_SUBGRAPH_ENVS.
 */
import { fileURLToPath } from "node:url";
import { runSubgraphsProcess } from "@marugoto/shared";
import { SUBGRAPHS } from "./subgraphs.js";

/** Each subgraph's own settings, by name. */
function subgraphEnvs(): Record<string, Record<string, string>> {
  const envs = JSON.parse(process.env.MARUGOTO_SUBGRAPH_ENVS ?? "{}") as Record<string, Record<string, string>>;
  delete process.env.MARUGOTO_SUBGRAPH_ENVS;
  return envs;
}

/** Runs every subgraph in this process (`npm start` calls it from a compiled bundle). */
export const main = () => runSubgraphsProcess(SUBGRAPHS, subgraphEnvs());

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
