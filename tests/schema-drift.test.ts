import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Kind, parse, type ObjectTypeDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { composeFromCode, findDrift, SCHEMA_DIR } from "../scripts/composition.js";

describe("schema/ is the generated, committed artefact", () => {
  it("matches what the code composes (run `npm run compose` after a schema change)", async () => {
    expect(await findDrift(await composeFromCode())).toEqual([]);
  });

  it("reports a subgraph whose type changed without a compose", async () => {
    const files = await composeFromCode();
    const dir = await mkdtemp(path.join(os.tmpdir(), "schema-drift-"));
    try {
      await cp(SCHEMA_DIR, dir, { recursive: true });
      // What a committed file looks like when a field was added to the code but compose not run.
      const committed = await readFile(path.join(dir, "directory.graphql"), "utf8");
      await writeFile(path.join(dir, "directory.graphql"), committed.replace("  code: String!\n", ""));
      expect(await findDrift(files, dir)).toEqual(["directory.graphql"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the SDL reads as the code does", () => {
  it("lists a field's arguments in the order the resolver declares them", async () => {
    const files = await composeFromCode();
    const cases = files["cases.graphql"]!;
    // logProgress(input, then the deprecated caseId, date, method, staff, content) in the resolver: type-graphql would print them reversed.
    const mutation = parse(cases).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Mutation",
    );
    const logProgress = mutation?.fields?.find((f) => f.name.value === "logProgress");
    expect(logProgress?.arguments?.map((a) => a.name.value)).toEqual([
      "input",
      "caseId",
      "date",
      "method",
      "staff",
      "content",
      "idempotencyKey",
    ]);
  });
});
