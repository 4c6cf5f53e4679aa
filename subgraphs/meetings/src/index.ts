import { fileURLToPath } from "node:url";
import { runSubgraphProcess } from "@marugoto/shared";
import { meetingsSubgraph } from "./subgraph.js";

/** Runs the meetings subgraph as a process (`npm start` calls it from a compiled bundle). */
export const main = () => runSubgraphProcess(meetingsSubgraph);

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
