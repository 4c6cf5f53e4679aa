import { Field, Int, ObjectType } from "type-graphql";
import { DistrictType } from "../district/district.type.js";

@ObjectType("HubCoverage", { description: "Districts with and without a hub now." })
export class HubCoverageType {
  @Field(() => Int, { description: "The goal: every district." })
  goal!: number;
  @Field(() => [DistrictType], { description: "Districts with an active hub." })
  withHub!: DistrictType[];
  @Field(() => [DistrictType], { description: "Districts without one." })
  withoutHub!: DistrictType[];
}
