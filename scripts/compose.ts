/**
 * `npm run compose`: writes schema/<subgraph>.graphql and schema/supergraph.graphql from the
 * subgraphs' code, with no database. `--check` only compares and fails on drift.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { composeFromCode, findDrift, SCHEMA_DIR } from "./composition.js";

const files = await composeFromCode();
if (process.argv.includes("--check")) {
  const drifted = await findDrift(files);
  for (const name of drifted) console.error(`schema/${name} differs from the code: run npm run compose`);
  process.exit(drifted.length ? 1 : 0);
}
for (const [name, contents] of Object.entries(files)) {
  await writeFile(path.join(SCHEMA_DIR, name), contents);
  console.log(`wrote schema/${name}`);
}
