import { FieldResolver, Resolver, Root } from "type-graphql";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { ParticipationSite } from "./participation.entity.js";
import { ParticipationSiteType } from "./participation-site.type.js";

@Resolver(() => ParticipationSiteType)
export class ParticipationSiteResolver {
  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The site's organisation in the directory." })
  organization(@Root() s: ParticipationSite): OrganizationRef | null {
    return s.organizationCode ? organizationRef(s.organizationCode) : null;
  }
}
