import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("District", { description: "A district (地区) of the city; every one has a district council (地区社協)." })
export class DistrictType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Stable code, e.g. `district-01`." })
  code!: string;
  @Field(() => String, { description: "Name (placeholders 仮称 until the real names are loaded)." })
  name!: string;
  @Field(() => Boolean, { description: "True while the name is a placeholder." })
  placeholder!: boolean;
}
