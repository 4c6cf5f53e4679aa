import { FieldResolver, Resolver, Root } from "type-graphql";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import { MeetingMemberType } from "./meeting-member.type.js";
import type { MemberView } from "./meeting.view.js";

@Resolver(() => MeetingMemberType)
export class MeetingMemberResolver {
  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: "The member organisation; null if its code is not in the directory.",
  })
  organization(@Root() member: MemberView): OrganizationRef | null {
    return knownOrganizationRef(member.organizationCode);
  }

  @FieldResolver(() => Boolean, { description: "Whether the organisation has pledged confidentiality for this meeting." })
  pledged(@Root() member: MemberView): boolean {
    return member.pledgedAt !== null;
  }
}
