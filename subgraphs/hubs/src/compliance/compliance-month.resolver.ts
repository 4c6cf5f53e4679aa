import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { HubsContext } from "../context.js";
import type { ComplianceMonth } from "./compliance.service.js";
import { ComplianceMonthType } from "./compliance-month.type.js";

@Resolver(() => ComplianceMonthType)
export class ComplianceMonthResolver {
  @Query(() => [ComplianceMonthType], {
    description:
      "Compliance trend by month: the hubs running that month (opened by its fiscal year and active throughout the month by their status history, or — without one — not closed (and, for this month, active now); for months to come, active now) and those meeting the rule.",
  })
  hubComplianceTrend(
    @Arg("from", () => String, { description: "First month, YYYY-MM (Asia/Tokyo)." }) from: string,
    @Arg("to", () => String, { description: "Last month, YYYY-MM, included; at most 120 months after `from`." }) to: string,
    @Ctx() ctx: HubsContext,
  ): Promise<ComplianceMonth[]> {
    return ctx.compliance.trend(from, to);
  }
}
