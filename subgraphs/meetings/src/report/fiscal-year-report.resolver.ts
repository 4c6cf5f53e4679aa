import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MeetingsContext } from "../context.js";
import { FiscalYearReportRef } from "./fiscal-year-report.type.js";
import { MeetingsHeldType } from "./meetings-held.type.js";

@Resolver(() => FiscalYearReportRef)
export class FiscalYearReportResolver {
  @FieldResolver(() => [MeetingsHeldType], {
    description: "Meetings held, by kind of body. Counts of sittings, not of people: never suppressed.",
  })
  meetingsHeld(@Root() r: FiscalYearReportRef, @Ctx() ctx: MeetingsContext) {
    return ctx.reports.meetingsHeld(r.fiscalYear);
  }
}
