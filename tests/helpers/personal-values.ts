import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@marugoto/shared/paths";

/**
 * Every personal value the suite puts into the graph: the seeded cases' (names, kana, address,
 * consultation narratives, plans, progress) and those the tests write (people's names, kana,
 * addresses, phones, consultation and progress free text, assessments). Read from the sources, so
 * a new seed or test is covered without a list to keep: string literals of personal fields,
 * wherever they are written as `field: "…"` (objects and GraphQL arguments alike).
 */
const FREE_TEXT_KEYS = [
  "nameKana",
  "kana",
  "address",
  "narrative",
  "visitor",
  "content",
  "household",
  "housing",
  "work",
  "goals",
  "direction",
  "evaluation",
];
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
/** A person's name as the seeds and tests write them: family and given name, Japanese, one space between. */
const PERSON_NAME = /^[^\p{ASCII}\s]+[ \u3000][^\p{ASCII}\s]+$/u;

/** Files whose literals describe data written through the graph: seeds and tests. */
function sources(): string[] {
  const walk = (dir: string, keep: (file: string) => boolean): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(full, keep);
      return keep(full) ? [full] : [];
    });
  const isTest = (file: string) => /\.(test|e2e)\.tsx?$/.test(file);
  return [
    ...walk(path.join(repoRoot, "tests"), (file) => file.endsWith(".ts")),
    ...walk(path.join(repoRoot, "subgraphs"), (file) => isTest(file) || /\/seed\/seed\.service\.ts$/.test(file)),
    ...walk(path.join(repoRoot, "gateway", "src"), isTest),
  ];
}

/** The personal values in one source's text (`caseSeed`: the cases subgraph's seed). */
export function personalValuesIn(code: string, caseSeed = false): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(\w+)\s*:\s*"((?:[^"\\\n]|\\.){4,200})"/g)) {
    const [, key, value] = match as unknown as [string, string, string];
    if (value.includes("${") || value.includes("\\")) continue;
    if (key === "name" && PERSON_NAME.test(value)) found.push(value);
    else if (key === "phone" && /^[0-9+][0-9-]{6,}$/.test(value)) found.push(value);
    else if (FREE_TEXT_KEYS.includes(key) && CJK.test(value)) found.push(value);
  }
  // The case seed's fictional free text (plans, progress tuples) is marked （架空）.
  if (caseSeed) for (const match of code.matchAll(/"(（架空）[^"\n]{2,200})"/g)) found.push(match[1]!);
  return found;
}

export function personalValues(): string[] {
  const caseSeed = path.join(repoRoot, "subgraphs", "cases", "src", "seed", "seed.service.ts");
  return [...new Set(sources().flatMap((file) => personalValuesIn(readFileSync(file, "utf8"), file === caseSeed)))].sort();
}
