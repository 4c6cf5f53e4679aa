import { Arg, Ctx, Int, Mutation, registerEnumType, Resolver } from "type-graphql";
import { enumFrom, fileLink, FileLinkPayload, fiscalYearLabel, refusedLink } from "@marugoto/shared";
import type { HubsContext } from "../context.js";

/** The report's sections, one sheet each (シート). */
export const REPORT_SECTIONS = ["HUBS", "CONSULTATIONS", "PLANS", "MEETINGS", "PARTICIPATION"] as const;
const ReportSection = enumFrom(REPORT_SECTIONS);
registerEnumType(ReportSection, {
  name: "ReportSection",
  description: "A section of the fiscal-year report, one sheet each.",
  valuesConfig: {
    HUBS: { description: "地域づくり拠点: hubs, sessions, participants, worries, by district." },
    CONSULTATIONS: { description: "相談受付と支援実人数: consultations and people supported." },
    PLANS: { description: "プラン作成と終結: support plans, collaborations ended, closures." },
    MEETINGS: { description: "会議の開催: meetings held by kind of body." },
    PARTICIPATION: { description: "参加支援（チャレンジ就労）: partner sites and participants." },
  },
});

export const REPORT_FILE_FORMATS = ["XLSX", "CSV"] as const;
const ReportFileFormat = enumFrom(REPORT_FILE_FORMATS);
registerEnumType(ReportFileFormat, {
  name: "ReportFileFormat",
  description: "File format of the report.",
  valuesConfig: {
    XLSX: { description: "An Excel workbook, one sheet per section." },
    CSV: { description: "One section as CSV (UTF-8 with BOM, as Japanese Excel needs)." },
  },
});

@Resolver()
export class ReportFileResolver {
  @Mutation(() => FileLinkPayload, {
    description:
      "A download link for the fiscal-year report (年度実績) as a workbook or one section as CSV; the figures are those `fiscalYearReport` shows the caller, small counts suppressed alike.",
  })
  requestFiscalYearReportFile(
    @Arg("fiscalYear", () => Int, { description: "e.g. 2026 for 令和8年度." }) fiscalYear: number,
    @Arg("format", () => ReportFileFormat, { description: "XLSX (every section) or CSV (one section)." })
    format: (typeof REPORT_FILE_FORMATS)[number],
    @Arg("section", () => ReportSection, { nullable: true, description: "CSV only: which section." })
    section: (typeof REPORT_SECTIONS)[number] | null | undefined,
    @Ctx() ctx: HubsContext,
  ): FileLinkPayload {
    if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
      return refusedLink("INVALID_FISCAL_YEAR", "年度が正しくありません（西暦2000〜2100で指定してください）。", ["fiscalYear"]);
    }
    if (format === "CSV" && !section) return refusedLink("SECTION_REQUIRED", "CSVではシート（section）を指定してください。", ["section"]);
    if (format === "XLSX" && section)
      return refusedLink("SECTION_NOT_APPLICABLE", "Excelファイルには全シートが入ります。section は指定できません。", ["section"]);
    const name = `年度実績_${fiscalYearLabel(fiscalYear)}`;
    return format === "XLSX"
      ? fileLink(
          ctx.identity,
          { kind: "fiscal-year-report", fiscalYear, format: "xlsx" },
          ctx.settings.identitySecret,
          `${name}.xlsx`,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
      : fileLink(
          ctx.identity,
          { kind: "fiscal-year-report", fiscalYear, format: "csv", section: section! },
          ctx.settings.identitySecret,
          `${name}_${section}.csv`,
          "text/csv; charset=utf-8",
        );
  }
}
