import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { BREAK_GLASS_OUTCOMES } from "./access.entity.js";

export const BreakGlassOutcome = enumFrom(BREAK_GLASS_OUTCOMES);
registerEnumType(BreakGlassOutcome, {
  name: "BreakGlassOutcome",
  description: "What a review decided of an emergency access.",
  valuesConfig: {
    APPROPRIATE: { description: "Justified; the access runs out at its expiry." },
    END_ACCESS: {
      description:
        "Ended at once: the holder loses the access with the review, and every other emergency access of theirs to the case with it; they may not open one to it again (`BREAK_GLASS_ENDED`).",
    },
  },
});

@ObjectType("BreakGlassAccess", { description: "An emergency access (緊急閲覧), to be reviewed." })
export class BreakGlassType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => ID, { description: "Which case." })
  caseId!: string;
  @Field(() => String, { description: "Who." })
  subject!: string;
  @Field(() => String, { description: "Their organisation's code." })
  organizationCode!: string;
  @Field(() => String, { description: "The reason given." })
  reason!: string;
  @Field(() => Date, { description: "Granted at." })
  grantedAt!: Date;
  @Field(() => Date, { description: "Expires at." })
  expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: "Reviewed at." })
  reviewedAt?: Date | null;
  @Field(() => BreakGlassOutcome, { nullable: true, description: "What the review decided." })
  reviewOutcome?: keyof typeof BreakGlassOutcome | null;
}
