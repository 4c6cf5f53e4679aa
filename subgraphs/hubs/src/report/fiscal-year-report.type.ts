import { Directive, Field, Int, ObjectType } from "type-graphql";

@ObjectType("FiscalYearReport", {
  description:
    "The figures the city reports for a fiscal year (April–March, Asia/Tokyo). Each subgraph contributes its own; counts of people below 5 are suppressed for callers not entitled.",
})
@Directive('@key(fields: "fiscalYear")')
export class FiscalYearReportType {
  @Field(() => Int, { description: "Fiscal year, e.g. 2026 for 令和8年度 (2026-04 to 2027-03)." })
  fiscalYear!: number;
}
