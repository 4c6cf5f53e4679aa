import { Field, InputType, Int } from "type-graphql";

@InputType("ActivityStaffInput", { description: "Who staffed a session, by kind (counts only)." })
export class ActivityStaffInput {
  @Field(() => Int, { description: "地区社協." })
  districtCouncil!: number;
  @Field(() => Int, { description: "町内会役員." })
  neighbourhoodOfficers!: number;
  @Field(() => Int, { description: "民生委員." })
  welfareCommissioners!: number;
  @Field(() => Int, { description: "専門職." })
  professionals!: number;
}
