import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository's root folder (this file lives in packages/shared/src). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where local state lives: embedded PostgreSQL data, development keys. Ignored by git. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? path.join(repoRoot, ".data"));
}

/** The city's reference data, copied into the repository. */
export const referenceDataPath = path.join(repoRoot, "data", "yamagata.json");
