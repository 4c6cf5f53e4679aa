import { describe, expect, it } from "vitest";
import { SUBGRAPHS } from "../scripts/subgraphs.js";

/**
 * Every mutation of a subgraph that has mutations takes an optional `idempotencyKey` (README, "Live
 * updates" rule 9): a client may retry any of them after a network error. Read from each subgraph's
 * built schema, so a new mutation without the argument fails here.
 */
describe("every mutation takes an idempotency key", () => {
  it.each(SUBGRAPHS.filter((s) => s.name !== "directory").map((s) => [s.name, s] as const))("%s", async (_name, def) => {
    const mutation = (await def.buildSchema()).getMutationType();
    const fields = Object.values(mutation?.getFields() ?? {});
    expect(fields.length).toBeGreaterThan(0);
    const without = fields.filter((f) => {
      const arg = f.args.find((a) => a.name === "idempotencyKey");
      return !arg || String(arg.type) !== "String";
    });
    expect(without.map((f) => f.name)).toEqual([]);
  });

  it("the directory has no mutation (else it needs keys too)", async () => {
    const directory = SUBGRAPHS.find((s) => s.name === "directory")!;
    expect((await directory.buildSchema()).getMutationType()).toBeFalsy();
  });
});
