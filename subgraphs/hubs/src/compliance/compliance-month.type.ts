import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("ComplianceMonth", { description: "Compliance of all active hubs in one month." })
export class ComplianceMonthType {
  @Field(() => String, { description: "Month, YYYY-MM." })
  month!: string;
  @Field(() => Int, { description: "Active hubs." })
  hubs!: number;
  @Field(() => Int, { description: "Hubs meeting both rules." })
  compliantHubs!: number;
}
