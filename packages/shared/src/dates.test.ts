import { describe, expect, it } from "vitest";
import {
  addMonths,
  eraYear,
  fiscalYear,
  fiscalYearLabel,
  fiscalYearSpan,
  monthSpan,
  msUntilTokyoMidnight,
  parseMonth,
  tokyoDate,
  tokyoMonth,
  tokyoParts,
} from "./dates.js";

describe("calendar arithmetic in Asia/Tokyo", () => {
  it("takes the date in Tokyo, not in UTC or the machine's zone", () => {
    // 15:00 UTC is midnight in Tokyo (UTC+9, no daylight saving).
    expect(tokyoDate(new Date("2025-03-31T14:59:59Z"))).toBe("2025-03-31");
    expect(tokyoDate(new Date("2025-03-31T15:00:00Z"))).toBe("2025-04-01");
    expect(tokyoDate(new Date("2024-12-31T15:00:00Z"))).toBe("2025-01-01");
  });

  it("counts the time until the next midnight in Tokyo, which is where the date changes", () => {
    expect(msUntilTokyoMidnight(new Date("2025-03-31T14:59:59Z"))).toBe(1_000);
    // At midnight itself: the next one, a day later (never 0, so a timer re-armed at midnight waits a day).
    expect(msUntilTokyoMidnight(new Date("2025-03-31T15:00:00Z"))).toBe(86_400_000);
    expect(msUntilTokyoMidnight(new Date("2025-03-31T21:00:00Z"))).toBe(18 * 3_600_000);
    const at = new Date("2025-06-30T03:17:00Z");
    expect(tokyoDate(new Date(at.getTime() + msUntilTokyoMidnight(at)))).not.toBe(tokyoDate(at));
    expect(tokyoDate(new Date(at.getTime() + msUntilTokyoMidnight(at) - 1))).toBe(tokyoDate(at));
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

  it("takes the month in Tokyo: 15:30 UTC on the last day is already the next month", () => {
    expect(tokyoMonth(new Date("2025-01-31T14:59:59Z"))).toBe("2025-01");
    expect(tokyoMonth(new Date("2025-01-31T15:30:00Z"))).toBe("2025-02");
    expect(tokyoMonth(new Date("2024-12-31T15:00:00Z"))).toBe("2025-01");
    expect(tokyoParts(new Date("2026-04-30T15:30:00Z"))).toEqual({ year: 2026, month: 5, day: 1, hour: 0, minute: 30 });
  });

  it("steps months across years and spans a month or fiscal year in Tokyo", () => {
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(addMonths("2024-12", 1)).toBe("2025-01");
    expect(addMonths("2025-03", 13)).toBe("2026-04");
    expect(monthSpan("2024-12")).toEqual({ start: new Date("2024-11-30T15:00:00Z"), end: new Date("2024-12-31T15:00:00Z") });
    expect(() => monthSpan("2024-13", "from")).toThrow(/from/);
    expect(fiscalYearSpan(2025)).toEqual({ start: new Date("2025-03-31T15:00:00Z"), end: new Date("2026-03-31T15:00:00Z") });
  });

  it("labels years in the Japanese era: 元 for the first year, not 1", () => {
    expect(eraYear(2019, 4, 30)).toBe("平成31年");
    expect(eraYear(2019, 5, 1)).toBe("令和元年");
    expect(eraYear(2026, 11, 29)).toBe("令和8年");
    expect(fiscalYearLabel(2019)).toBe("令和元年度");
    expect(fiscalYearLabel(2020)).toBe("令和2年度");
    expect(fiscalYearLabel(2025)).toBe("令和7年度");
    expect(fiscalYearLabel(2018)).toBe("平成30年度");
    expect(fiscalYearLabel(1989)).toBe("平成元年度");
  });
});
