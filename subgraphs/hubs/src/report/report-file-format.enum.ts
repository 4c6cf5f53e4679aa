import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";

export const REPORT_FILE_FORMATS = ["XLSX", "CSV"] as const;
export const ReportFileFormat = enumFrom(REPORT_FILE_FORMATS);
registerEnumType(ReportFileFormat, {
  name: "ReportFileFormat",
  description: "File format of the report.",
  valuesConfig: {
    XLSX: { description: "An Excel workbook, one sheet per section." },
    CSV: { description: "One section as CSV (UTF-8 with BOM, as Japanese Excel needs)." },
  },
});
