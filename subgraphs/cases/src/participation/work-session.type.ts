import { Field, ID, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";

@ObjectType("WorkSession", { description: "One チャレンジ就労 session." })
export class WorkSessionType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date." })
  date!: string;
  @Field(() => Int, { description: "Activity fee (¥)." })
  feeYen!: number;
}
