import { Field, ObjectType } from "type-graphql";
import { CaseStatus } from "./case.type.js";

@ObjectType("CaseTransition", { description: "A status change: who, when, why." })
export class CaseTransitionType {
  @Field(() => CaseStatus, { nullable: true, description: "From (null when the case opened)." })
  fromStatus?: keyof typeof CaseStatus | null;
  @Field(() => CaseStatus, { description: "To." })
  toStatus!: keyof typeof CaseStatus;
  @Field(() => String, { nullable: true, description: "Why." })
  reason?: string | null;
  @Field(() => Date, { description: "When." })
  at!: Date;
}
