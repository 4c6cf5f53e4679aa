import type { ReferenceResolvers } from "@marugoto/shared";

/** How `_entities` answers for a fiscal-year report: by its year. */
export const fiscalYearReportReference: ReferenceResolvers = {
  FiscalYearReport: { __resolveReference: (ref: { fiscalYear: number }) => ({ fiscalYear: ref.fiscalYear }) },
};
