import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Decision", { description: "A decision recorded against an agenda item (決定事項)." })
export class DecisionType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "What was decided." })
  content!: string;

  @Field(() => Date, { description: "When it was recorded." })
  decidedAt!: Date;
}
