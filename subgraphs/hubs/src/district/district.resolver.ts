import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { HubsContext } from "../context.js";
import type { Hub } from "../hub/hub.entity.js";
import { HubType } from "../hub/hub.type.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { District } from "./district.entity.js";
import { DistrictType } from "./district.type.js";

@Resolver(() => DistrictType)
export class DistrictResolver {
  @Query(() => [DistrictType], { description: "The city's districts (地区)." })
  districts(@Ctx() ctx: HubsContext): Promise<District[]> {
    return ctx.districts.list();
  }

  @FieldResolver(() => OrganizationRef, { description: "Its district council (地区社協)." })
  council(@Root() d: District): OrganizationRef {
    return organizationRef(d.councilCode);
  }

  @FieldResolver(() => [HubType], { description: "Its hubs." })
  hubs(@Root() d: District, @Ctx() ctx: HubsContext): Promise<Hub[]> {
    return ctx.hubs.ofDistrict(d.id);
  }
}
