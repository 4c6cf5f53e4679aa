import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { OrganizationType } from "../organization/organization.type.js";

export const RosterRole = { CHAIR: "CHAIR", MEMBER: "MEMBER" } as const;
registerEnumType(RosterRole, {
  name: "RosterRole",
  description: "A seat's role in a roster.",
  valuesConfig: {
    CHAIR: { description: "Chair (座長)." },
    MEMBER: { description: "Member (構成員)." },
  },
});

@ObjectType("RosterMember", { description: "One seat in a roster (構成員)." })
export class RosterMemberType {
  @Field(() => OrganizationType, { description: "The member organisation." })
  organization!: OrganizationType;

  @Field(() => RosterRole, { description: "Chair or member." })
  role!: keyof typeof RosterRole;

  @Field(() => String, { nullable: true, description: "The office holding the seat, when it is a person's (e.g. 福祉推進部長)." })
  title?: string | null;

  @Field(() => Int, { description: "Order in the roster." })
  position!: number;
}
