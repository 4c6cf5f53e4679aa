import { FieldResolver, Resolver, Root } from "type-graphql";
import { PlanRoleType } from "./plan-role.type.js";
import type { PlanRole, SupportPlan } from "./record.entity.js";
import { SupportPlanType } from "./support-plan.type.js";

@Resolver(() => SupportPlanType)
export class SupportPlanResolver {
  @FieldResolver(() => [PlanRoleType], { description: "Each organisation's role." })
  roles(@Root() p: SupportPlan): PlanRole[] {
    return p.roles;
  }
}
