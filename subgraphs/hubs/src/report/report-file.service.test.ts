import { describe, expect, it } from "vitest";
import { reportFileLink } from "./report-file.service.js";

const analyst = { sub: "u-1", org: "seikatsu-fukushi", roles: ["analyst"] };
const SECRET = "a-test-secret-of-enough-length-000000";

describe("fiscal-year report file links", () => {
  it("lists every problem of a request at once, and gives no link", () => {
    const refused = reportFileLink(analyst, SECRET, { fiscalYear: 1999, format: "CSV", section: undefined });
    expect(refused.link).toBeNull();
    expect(refused.userErrors.map((e) => [e.code, e.field])).toEqual([
      ["INVALID_FISCAL_YEAR", ["fiscalYear"]],
      ["SECTION_REQUIRED", ["section"]],
    ]);
    const both = reportFileLink(analyst, SECRET, { fiscalYear: 20.5, format: "XLSX", section: "HUBS" });
    expect(both.userErrors.map((e) => e.code)).toEqual(["INVALID_FISCAL_YEAR", "SECTION_NOT_APPLICABLE"]);
    for (const e of [...refused.userErrors, ...both.userErrors]) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });

  it("names the file by its 令和 year and section", () => {
    const csv = reportFileLink(analyst, SECRET, { fiscalYear: 2022, format: "CSV", section: "HUBS" });
    expect(csv.userErrors).toEqual([]);
    expect(csv.link!.fileName).toBe("年度実績_令和4年度_HUBS.csv");
    expect(reportFileLink(analyst, SECRET, { fiscalYear: 2019, format: "XLSX", section: null }).link!.fileName).toBe(
      "年度実績_令和元年度.xlsx",
    );
  });
});
