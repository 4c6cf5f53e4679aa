import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("FeeLedgerMonth", {
  description:
    "The activity fee (活動費) of one placement in one month: the fee times the sessions. There is no wage: no employment contract.",
})
export class FeeLedgerMonthType {
  @Field(() => String, { description: "Month, YYYY-MM." })
  month!: string;
  @Field(() => Int, { description: "Sessions." })
  sessions!: number;
  @Field(() => Int, { description: "Fee per session (¥)." })
  feePerSessionYen!: number;
  @Field(() => Int, { description: "Total (¥)." })
  totalYen!: number;
}
