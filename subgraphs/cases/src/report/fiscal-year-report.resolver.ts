import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../context.js";
import { CaseFiguresType } from "./case-figures.type.js";
import { ConsultationMonthFigure } from "./consultation-month-figure.type.js";
import { FiscalYearReportRef } from "./fiscal-year-report.type.js";
import type { CaseFigures, MonthFigure } from "./report.service.js";

@Resolver(() => FiscalYearReportRef)
export class FiscalYearReportResolver {
  @FieldResolver(() => CaseFiguresType, { description: "Consultations, people supported, plans, closures, participation support." })
  caseFigures(@Root() r: FiscalYearReportRef, @Ctx() ctx: CasesContext): Promise<CaseFigures> {
    return ctx.reports.caseFigures(r.fiscalYear);
  }

  @FieldResolver(() => [ConsultationMonthFigure], {
    description:
      'Consultations by month (April to March) and source, every month and source listed. For callers not entitled, figures below 5 are withheld, and so that none of them can be worked out from the year\'s total, more figures are withheld until the withheld ones are at least two and add up to at least 5; every withheld figure shows "—" alike.',
  })
  consultationsByMonth(@Root() r: FiscalYearReportRef, @Ctx() ctx: CasesContext): Promise<MonthFigure[]> {
    return ctx.reports.consultationsByMonth(r.fiscalYear);
  }
}
