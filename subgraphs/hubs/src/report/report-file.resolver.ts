import { Arg, Ctx, Int, Mutation, Resolver } from "type-graphql";
import { FileLinkPayload, IDEMPOTENCY_KEY_ARG_NO_CHANGE } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { reportFileLink } from "./report-file.service.js";
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
    return reportFileLink(ctx.identity, ctx.settings.identitySecret, { fiscalYear, format, section });
  }
}
