import { FieldResolver, Resolver, Root } from "type-graphql";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { BodyMember } from "./body.entity.js";
import { BodyMemberType } from "./body-member.type.js";

@Resolver(() => BodyMemberType)
export class BodyMemberResolver {
  @FieldResolver(() => OrganizationRef)
  organization(@Root() member: BodyMember): OrganizationRef {
    return organizationRef(member.organizationCode);
  }
}
