import { fileURLToPath } from "node:url";
import { runSubgraphProcess } from "@marugoto/shared";
import { casesSubgraph } from "./subgraph.js";

/** Runs the cases subgraph as a process (`npm start` calls it from a compiled bundle). */
export const main = () => runSubgraphProcess(casesSubgraph);

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
