import { Field, Int, ObjectType } from "type-graphql";
import { OrganizationRef } from "../organization/organization.type.js";
import { BodyMemberRole } from "./body-member-role.enum.js";

@ObjectType("MeetingBodyMember", { description: "A standing member organisation of a body (構成員)." })
export class BodyMemberType {
  @Field(() => OrganizationRef, { description: "The member organisation." })
  organization!: OrganizationRef;

  @Field(() => BodyMemberRole, { description: "Its role in the body." })
  role!: keyof typeof BodyMemberRole;

  @Field(() => Int, { description: "Order in the membership list." })
  position!: number;
}
