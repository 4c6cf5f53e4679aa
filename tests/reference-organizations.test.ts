import { describe, expect, it } from "vitest";
import { consultationReceiverCodes, referenceOrganizationCodes } from "@marugoto/shared";
import { referenceOrganizations } from "../subgraphs/directory/src/seed/seed.service.js";

describe("organisation codes other subgraphs check against", () => {
  it("are exactly the organisations the directory seeds", () => {
    const seeded = referenceOrganizations().map((o) => o.code);
    expect(new Set(seeded).size).toBe(seeded.length);
    expect([...referenceOrganizationCodes()].sort()).toEqual([...seeded].sort());
  });

  it("those that take a consultation passed on are exactly the seeded city sections, 市社協 and consultation agencies", () => {
    const receivers = referenceOrganizations()
      .filter((o) => ["CITY_SECTION", "SOCIAL_WELFARE_COUNCIL", "CONSULTATION_AGENCY"].includes(o.kind))
      .map((o) => o.code);
    expect(receivers.length).toBeGreaterThan(40);
    expect([...consultationReceiverCodes()].sort()).toEqual(receivers.sort());
  });
});
