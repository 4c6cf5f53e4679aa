import { Directive, Field, Int, ObjectType } from "type-graphql";

/** The fiscal-year report, as the meetings subgraph contributes to it. */
@ObjectType("FiscalYearReport", { description: "The figures the city reports for a fiscal year." })
@Directive('@key(fields: "fiscalYear")')
export class FiscalYearReportRef {
  @Field(() => Int, { description: "Fiscal year, e.g. 2026 for 令和8年度." })
  fiscalYear!: number;
}
