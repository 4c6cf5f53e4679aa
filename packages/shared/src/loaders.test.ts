import { describe, expect, it } from "vitest";
import { loaderByKey, loaderOfGroups } from "./loaders.js";

interface Row {
  id: string;
  parent: string | null;
}

const rows: Row[] = [
  { id: "a", parent: null },
  { id: "b", parent: "a" },
  { id: "c", parent: "a" },
  { id: "d", parent: "b" },
];

describe("loaders", () => {
  it("answers one row per key in key order, null for a missing key, in one batch", async () => {
    const batches: string[][] = [];
    const loader = loaderByKey(
      async (ids: string[]) => {
        batches.push(ids);
        return rows.filter((r) => ids.includes(r.id)).reverse();
      },
      (r) => r.id,
    );
    expect(await Promise.all([loader.load("c"), loader.load("x"), loader.load("a")])).toEqual([rows[2], null, rows[0]]);
    expect(batches).toEqual([["c", "x", "a"]]);
  });

  it("answers each key's rows in the order fetched, none for a key without rows", async () => {
    const loader = loaderOfGroups(
      async (parents: string[]) => rows.filter((r) => r.parent !== null && parents.includes(r.parent)),
      (r) => r.parent,
    );
    expect(await loader.loadMany(["a", "d", "b"])).toEqual([[rows[1], rows[2]], [], [rows[3]]]);
  });
});
