import { describe, expect, it } from "vitest";
import { referenceOrganizationCodes } from "@marugoto/shared";
import { referenceOrganizations } from "../subgraphs/directory/src/seed/seed.service.js";

describe("organisation codes other subgraphs check against", () => {
  it("are exactly the organisations the directory seeds", () => {
    const seeded = referenceOrganizations().map((o) => o.code);
    expect(new Set(seeded).size).toBe(seeded.length);
    expect([...referenceOrganizationCodes()].sort()).toEqual([...seeded].sort());
  });
});
