import { describe, expect, it } from "vitest";
import { fiscalYear, parseMonth, tokyoDate } from "./dates.js";

describe("calendar arithmetic in Asia/Tokyo", () => {
  it("takes the date in Tokyo, not in UTC or the machine's zone", () => {
    // 15:00 UTC is midnight in Tokyo (UTC+9, no daylight saving).
    expect(tokyoDate(new Date("2025-03-31T14:59:59Z"))).toBe("2025-03-31");
    expect(tokyoDate(new Date("2025-03-31T15:00:00Z"))).toBe("2025-04-01");
    expect(tokyoDate(new Date("2024-12-31T15:00:00Z"))).toBe("2025-01-01");
  });

  it("starts the fiscal year on 1 April in Tokyo", () => {
    expect(fiscalYear(new Date("2025-03-31T14:59:59Z"))).toBe(2024);
    expect(fiscalYear(new Date("2025-03-31T15:00:00Z"))).toBe(2025);
    expect(fiscalYear(new Date("2025-12-31T12:00:00Z"))).toBe(2025);
    expect(fiscalYear(new Date("2026-01-01T00:00:00+09:00"))).toBe(2025);
  });

  it("accepts months as YYYY-MM only, within the years a record can be about", () => {
    expect(parseMonth("2025-01")).toEqual({ year: 2025, month: 1 });
    expect(parseMonth("1900-12")).toEqual({ year: 1900, month: 12 });
    for (const bad of ["2025-1", "2025-13", "2025-00", "0000-01", "9999-12", "1899-12", "2025-01-01", "x", "", " 2025-01"]) {
      expect(() => parseMonth(bad), bad).toThrow(/YYYY-MM/);
    }
    const refused = (() => {
      try {
        parseMonth("2025-13", "from");
      } catch (error) {
        return error as { extensions?: Record<string, unknown> };
      }
    })();
    expect(refused?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(String(refused)).toContain("from");
  });
});
