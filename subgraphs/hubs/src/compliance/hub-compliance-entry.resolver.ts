import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { HubsContext } from "../context.js";
import type { ComplianceEntry } from "./compliance.service.js";
import { HubComplianceEntry } from "./hub-compliance-entry.type.js";

@Resolver(() => HubComplianceEntry)
export class HubComplianceEntryResolver {
  @Query(() => [HubComplianceEntry], {
    description:
      "The compliance of the hubs running in one month (Asia/Tokyo): opened by its fiscal year and active throughout the month by their status history (a month a hub was paused or closed in is left out), or — without one — not closed (and, for this month, active now); for months to come, active now. `failingOnly` lists those that miss either rule.",
  })
  hubCompliance(
    @Arg("month", () => String, { description: "YYYY-MM" }) month: string,
    @Arg("failingOnly", () => Boolean, { nullable: true, description: "Only the hubs that miss either rule." })
    failingOnly: boolean | null | undefined,
    @Ctx() ctx: HubsContext,
  ): Promise<ComplianceEntry[]> {
    return ctx.compliance.ofMonth(month, failingOnly);
  }
}
