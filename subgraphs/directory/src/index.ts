import { fileURLToPath } from "node:url";
import { runSubgraphProcess } from "@marugoto/shared";
import { directorySubgraph } from "./subgraph.js";

/** Runs the directory subgraph as a process (`npm start` calls it from a compiled bundle). */
export const main = () => runSubgraphProcess(directorySubgraph);

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
