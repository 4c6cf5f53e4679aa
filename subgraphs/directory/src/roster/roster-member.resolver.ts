import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { NotFoundError } from "@marugoto/shared";
import type { DirectoryContext } from "../context.js";
import type { Organization } from "../organization/organization.entity.js";
import { OrganizationType } from "../organization/organization.type.js";
import type { RosterMember } from "./roster.entity.js";
import { RosterMemberType } from "./roster-member.type.js";

@Resolver(() => RosterMemberType)
export class RosterMemberResolver {
  @FieldResolver(() => OrganizationType, { description: "The member organisation." })
  async organization(@Root() member: RosterMember, @Ctx() ctx: DirectoryContext): Promise<Organization> {
    const org = await ctx.organizations.byId.load(member.organization.id);
    if (!org) throw new NotFoundError("組織", member.organization.id);
    return org;
  }
}
