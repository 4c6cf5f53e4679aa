import { Field, ObjectType } from "type-graphql";

@ObjectType("HouseholdMember", { description: "A member of the case's household (世帯員) and the relation to the main person (続柄)." })
export class HouseholdMemberType {
  @Field(() => String, { description: "Relation (続柄), e.g. 本人, 母, 長男." })
  relation!: string;
}
