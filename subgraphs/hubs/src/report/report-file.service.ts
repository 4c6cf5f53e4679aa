import { fileLink, fiscalYearLabel, type FileLinkPayload, type Identity, type UserError } from "@marugoto/shared";
import type { REPORT_FILE_FORMATS } from "./report-file-format.enum.js";
import type { REPORT_SECTIONS } from "./report-section.enum.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** What a fiscal-year report file is asked for. */
export interface ReportFileRequest {
  fiscalYear: number;
  format: (typeof REPORT_FILE_FORMATS)[number];
  section: (typeof REPORT_SECTIONS)[number] | null | undefined;
}

/** Every problem of the request at once (a form can mark each field), or none. */
function problems({ fiscalYear, format, section }: ReportFileRequest): UserError[] {
  const found: UserError[] = [];
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100)
    found.push({
      code: "INVALID_FISCAL_YEAR",
      message: "年度が正しくありません（西暦2000〜2100で指定してください）。",
      field: ["fiscalYear"],
    });
  if (format === "CSV" && !section)
    found.push({ code: "SECTION_REQUIRED", message: "CSVではシート（section）を指定してください。", field: ["section"] });
  if (format === "XLSX" && section)
    found.push({
      code: "SECTION_NOT_APPLICABLE",
      message: "Excelファイルには全シートが入ります。section は指定できません。",
      field: ["section"],
    });
  return found;
}

/** A signed download link for the fiscal-year report as a workbook or one section as CSV, or why none is given. */
export function reportFileLink(identity: Identity, secret: string, request: ReportFileRequest): FileLinkPayload {
  const refused = problems(request);
  if (refused.length) return { link: null, userErrors: refused };
  const { fiscalYear, format, section } = request;
  const name = `年度実績_${fiscalYearLabel(fiscalYear)}`;
  return format === "XLSX"
    ? fileLink(identity, { kind: "fiscal-year-report", fiscalYear, format: "xlsx" }, secret, `${name}.xlsx`, XLSX)
    : fileLink(
        identity,
        { kind: "fiscal-year-report", fiscalYear, format: "csv", section: section! },
        secret,
        `${name}_${section}.csv`,
        "text/csv; charset=utf-8",
      );
}
