import { fileURLToPath } from "node:url";
import { runSubgraphProcess } from "@marugoto/shared";
import { hubsSubgraph } from "./subgraph.js";

if (process.argv[1] === fileURLToPath(import.meta.url)) await runSubgraphProcess(hubsSubgraph);
