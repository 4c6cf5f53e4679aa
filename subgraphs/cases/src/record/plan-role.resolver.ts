import { FieldResolver, Resolver, Root } from "type-graphql";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import { PlanRoleType } from "./plan-role.type.js";
import type { PlanRole } from "./record.entity.js";

@Resolver(() => PlanRoleType)
export class PlanRoleResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation." })
  organization(@Root() r: PlanRole): OrganizationRef {
    return organizationRef(r.organizationCode);
  }
}
