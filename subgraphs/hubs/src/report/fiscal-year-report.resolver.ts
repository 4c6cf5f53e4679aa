import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { fiscalYearLabel } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import type { FiscalYearReport, HubFigureCounts } from "./fiscal-year-report.service.js";
import { FiscalYearReportType } from "./fiscal-year-report.type.js";
import { HubFiguresType } from "./hub-figures.type.js";

@Resolver(() => FiscalYearReportType)
export class FiscalYearReportResolver {
  @Query(() => FiscalYearReportType, {
    description:
      "The fiscal-year report (年度実績): consultations, people supported, plans, meetings, closures, participation support, hubs.",
  })
  fiscalYearReport(
    @Arg("fiscalYear", () => Int, { description: "e.g. 2026 for 令和8年度." }) fiscalYear: number,
    @Ctx() ctx: HubsContext,
  ): FiscalYearReport {
    return ctx.reports.report(fiscalYear);
  }

  @FieldResolver(() => String, { description: "Japanese label, e.g. 令和8年度." })
  label(@Root() r: FiscalYearReport): string {
    return fiscalYearLabel(r.fiscalYear);
  }

  @FieldResolver(() => HubFiguresType, { description: "Hubs, their sessions and participants, worries — in total and by district." })
  hubFigures(@Root() r: FiscalYearReport, @Ctx() ctx: HubsContext): Promise<HubFigureCounts> {
    return ctx.reports.hubFigures(r.fiscalYear);
  }
}
