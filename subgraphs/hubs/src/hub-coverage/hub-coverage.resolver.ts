import { Ctx, Query, Resolver } from "type-graphql";
import type { HubsContext } from "../context.js";
import type { Coverage } from "./hub-coverage.service.js";
import { HubCoverageType } from "./hub-coverage.type.js";

@Resolver(() => HubCoverageType)
export class HubCoverageResolver {
  @Query(() => HubCoverageType, { description: "Districts with and without an active hub now, against the goal of all 30." })
  hubCoverage(@Ctx() ctx: HubsContext): Promise<Coverage> {
    return ctx.coverage.now();
  }
}
