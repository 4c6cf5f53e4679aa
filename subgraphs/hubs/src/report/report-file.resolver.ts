import { Arg, Ctx, Int, Mutation, Resolver } from "type-graphql";
import { fileLink, FileLinkPayload, fiscalYearLabel, IDEMPOTENCY_KEY_ARG_NO_CHANGE, refusedLink } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { ReportFileFormat, type REPORT_FILE_FORMATS } from "./report-file-format.enum.js";
import { ReportSection, type REPORT_SECTIONS } from "./report-section.enum.js";

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
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG_NO_CHANGE) _idempotencyKey?: string | null,
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
