import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Assessment", { description: "An assessment (アセスメント)." })
export class AssessmentType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { nullable: true, description: "Household (世帯の状況)." })
  household?: string | null;
  @Field(() => String, { nullable: true, description: "Work (就労)." })
  work?: string | null;
  @Field(() => String, { nullable: true, description: "Housing (住まい)." })
  housing?: string | null;
  @Field(() => String, { nullable: true, description: "Health insurance (医療保険)." })
  insurance?: string | null;
  @Field(() => String, { nullable: true, description: "Pension (年金)." })
  pension?: string | null;
  @Field(() => Date, { description: "When it was recorded." })
  recordedAt!: Date;
}
