import { Ctx, Query, Resolver } from "type-graphql";
import type { HubsContext } from "../context.js";
import { HubCoverageYearType } from "./hub-coverage-year.type.js";
import type { CoverageYear } from "./hub-coverage.service.js";

@Resolver(() => HubCoverageYearType)
export class HubCoverageYearResolver {
  @Query(() => [HubCoverageYearType], { description: "Coverage by fiscal year, with the figures of the city's document beside it." })
  hubCoverageHistory(@Ctx() ctx: HubsContext): Promise<CoverageYear[]> {
    return ctx.coverage.history();
  }
}
