import { fileURLToPath } from "node:url";
import { runSubgraphProcess } from "@marugoto/shared";
import { directorySubgraph } from "./subgraph.js";

if (process.argv[1] === fileURLToPath(import.meta.url)) await runSubgraphProcess(directorySubgraph);
