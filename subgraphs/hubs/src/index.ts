import { fileURLToPath } from "node:url";
import { runSubgraphProcess } from "@marugoto/shared";
import { hubsSubgraph } from "./subgraph.js";

/** Runs the hubs subgraph as a process (`npm start` calls it from a compiled bundle). */
export const main = () => runSubgraphProcess(hubsSubgraph);

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
