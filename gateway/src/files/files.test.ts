import { describe, expect, it } from "vitest";
import { pdfPages } from "../../../tests/helpers/readers.js";
import { eraYear, fiscalYearLabel, japaneseDate, japaneseLocalDate } from "./japanese.js";
import { renderMinutesPdf, type MinutesData } from "./minutes-pdf.js";
import { renderCsv } from "./report-xlsx.js";

type Meeting = NonNullable<MinutesData["meeting"]>;
const meeting = (status: "DRAFT" | "APPROVED", lines: number): Meeting => ({
  id: "m",
  title: "第1回 福祉まるごと会議",
  startsAt: "2026-04-30T15:30:00Z",
  endsAt: null,
  place: null,
  confidential: false,
  status: "CLOSED",
  body: { name: "福祉まるごと会議", kind: "MARUGOTO_COUNCIL", handlesIndividualCases: false },
  members: [{ role: "CHAIR", attendance: "PRESENT", pledged: false, organization: { name: "福祉推進部" } }],
  agenda: [],
  minutes: {
    content: Array.from({ length: lines }, (_, i) => `${i + 1}行目の発言。`).join("\n"),
    status,
    nextReviewDate: null,
    approvedAt: status === "APPROVED" ? "2026-05-10T01:00:00Z" : null,
    updatedAt: "2026-05-10T01:00:00Z",
    approvedBy: status === "APPROVED" ? { name: "福祉推進部" } : null,
  },
});

describe("Japanese dates", () => {
  it("writes 令和 from 1 May 2019 (元年 for its first year), 平成 before, in Asia/Tokyo", () => {
    expect(eraYear(2019, 4, 30)).toBe("平成31年");
    expect(eraYear(2019, 5, 1)).toBe("令和元年");
    expect(eraYear(2026, 11, 29)).toBe("令和8年");
    // 15:30 UTC on 30 April is 1 May in Tokyo.
    expect(japaneseDate(new Date("2026-04-30T15:30:00Z"))).toBe("令和8年5月1日（2026年5月1日）");
    expect(japaneseLocalDate("2031-05-15")).toBe("令和13年5月15日（2031年5月15日）");
    expect(fiscalYearLabel(2019)).toBe("令和元年度");
    expect(fiscalYearLabel(2018)).toBe("平成30年度");
  });
});

describe("the minutes PDF", () => {
  it("puts the 案 watermark and the page number on every page of a long draft", async () => {
    const pages = await pdfPages(await renderMinutesPdf(meeting("DRAFT", 150)));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect(text).toMatch(/^案$/m);
      expect(text).toContain(`${i + 1} / ${pages.length}`);
    });
    expect(pages.join("\n")).toContain("150行目の発言。");
  });

  it("marks approved minutes final, without the watermark, on every page", async () => {
    const pages = await pdfPages(await renderMinutesPdf(meeting("APPROVED", 150)));
    for (const text of pages) expect(text).not.toMatch(/^案$/m);
    expect(pages[0]).toContain("確定版（承認済み）");
    expect(pages.at(-1)).toContain("承認日：令和8年5月10日（2026年5月10日）");
  });
});

describe("CSV", () => {
  it("is UTF-8 with a BOM and CRLF, quoting what needs it", () => {
    const csv = renderCsv({
      section: "X",
      name: "x",
      rows: [
        ["項目", "件数"],
        ['a,"b"', "<5"],
      ],
    });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString("utf8")).toBe('項目,件数\r\n"a,""b""",<5\r\n');
  });
});
