import { Field, ID, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { CaseType } from "../case/case.type.js";

@ObjectType("ReferralPayload", { description: "Result of sending a referral." })
export class ReferralPayload {
  @Field(() => ID, { nullable: true, description: "The referral's id." })
  referralId?: string | null;
  @Field(() => CaseType, { nullable: true, description: "The case." })
  case?: CaseType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
