import type { SubgraphDefinition } from "@marugoto/shared";
import { directorySubgraph } from "../subgraphs/directory/src/subgraph.js";
import { meetingsSubgraph } from "../subgraphs/meetings/src/subgraph.js";
import { casesSubgraph } from "../subgraphs/cases/src/subgraph.js";
import { hubsSubgraph } from "../subgraphs/hubs/src/subgraph.js";

/** Every subgraph, in boot order. */

export const SUBGRAPHS: SubgraphDefinition<any, any>[] = [directorySubgraph, meetingsSubgraph, casesSubgraph, hubsSubgraph];

/** Where each subgraph's process entry point lives. */
export const subgraphEntry = (name: string) => `subgraphs/${name}/src/index.ts`;
