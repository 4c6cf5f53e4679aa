import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("ComplianceMonth", { description: "Compliance of the hubs running in one month." })
export class ComplianceMonthType {
  @Field(() => String, { description: "Month, YYYY-MM." })
  month!: string;
  @Field(() => Int, {
    description: "Hubs running that month (opened by its fiscal year, not closed; for this month and later, active now).",
  })
  hubs!: number;
  @Field(() => Int, { description: "Hubs meeting both rules." })
  compliantHubs!: number;
}
