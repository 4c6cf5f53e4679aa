import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { RuleViolation } from "./mutation.js";
import { BadUserInputError } from "./errors.js";
import { parseOrganizationCode, requireOrganizationCode } from "./validation.js";

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("not refused");
};

describe("organisation codes", () => {
  it("accepts codes as the directory writes them", () => {
    for (const code of ["nozei", "district-council-01", "a", "0", "a".repeat(80)])
      expect(requireOrganizationCode(code, "organizationCode")).toBe(code);
  });

  it("refuses anything else as a user error naming the field, in Japanese", () => {
    for (const bad of ["", "Nozei", "-nozei", "no zei", "nozei\n", "a".repeat(81), "の税", "x'; drop table"]) {
      const error = refusal(() => requireOrganizationCode(bad, "passedToCode", "つなぎ先"));
      expect(error, bad).toBeInstanceOf(RuleViolation);
      expect(error).toMatchObject({
        code: "INVALID_ORGANIZATION_CODE",
        message: "つなぎ先の組織コードが正しくありません。",
        field: ["passedToCode"],
      });
    }
    expect(refusal(() => requireOrganizationCode("X", "organizationCode"))).toMatchObject({ message: "組織コードが正しくありません。" });
  });

  it("refuses the same codes as bad input where there are no userErrors (a subscription's argument)", () => {
    expect(parseOrganizationCode("nozei", "organizationCode")).toBe("nozei");
    const error = refusal(() => parseOrganizationCode("Nozei", "organizationCode"));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error).toMatchObject({
      message: "組織コードが正しくありません。",
      extensions: { code: "BAD_USER_INPUT", field: "organizationCode" },
    });
  });
});
