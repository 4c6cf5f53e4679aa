import { Field, InputType } from "type-graphql";

@InputType("ProblemDetailInput", { description: "One problem by area." })
export class ProblemDetailInput {
  @Field(() => String, { description: "Area." })
  area!: string;
  @Field(() => String, { description: "The problem." })
  detail!: string;
}

@InputType("AssessmentInput", { description: "An assessment (アセスメント)." })
export class AssessmentInput {
  @Field(() => String, { nullable: true, description: "Household." })
  household?: string | null;
  @Field(() => String, { nullable: true, description: "Work." })
  work?: string | null;
  @Field(() => String, { nullable: true, description: "Housing." })
  housing?: string | null;
  @Field(() => String, { nullable: true, description: "Health insurance." })
  insurance?: string | null;
  @Field(() => String, { nullable: true, description: "Pension." })
  pension?: string | null;
  @Field(() => [ProblemDetailInput], { description: "Problems by area." })
  problems!: ProblemDetailInput[];
}
