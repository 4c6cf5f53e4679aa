import { readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "@marugoto/shared";
import { composeSupergraph } from "@marugoto/shared/compose";
import { SUBGRAPHS } from "./subgraphs.js";

/** The URL each subgraph has by default; the gateway overrides it from its configuration. */
export const defaultSubgraphUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;

export const SCHEMA_DIR = path.join(repoRoot, "schema");

/** The files of schema/, as the code defines them now. */
export async function composeFromCode(): Promise<Record<string, string>> {
  const built = await Promise.all(
    SUBGRAPHS.map(async (s) => ({ name: s.name, schema: await s.buildSchema(), url: defaultSubgraphUrl(s.defaultPort) })),
  );
  const { subgraphs, supergraph } = composeSupergraph(built);
  return {
    ...Object.fromEntries(Object.entries(subgraphs).map(([name, sdl]) => [`${name}.graphql`, sdl])),
    "supergraph.graphql": supergraph,
  };
}

/** Names of the files in `dir` that differ from `files` (missing counts as different). */
export async function findDrift(files: Record<string, string>, dir = SCHEMA_DIR): Promise<string[]> {
  const drifted: string[] = [];
  for (const [name, contents] of Object.entries(files)) {
    const committed = await readFile(path.join(dir, name), "utf8").catch(() => undefined);
    if (committed !== contents) drifted.push(name);
  }
  return drifted;
}
