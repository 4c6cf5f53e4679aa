import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { INFO_KINDS } from "./consent.entity.js";

export const InfoKind = enumFrom(INFO_KINDS);
registerEnumType(InfoKind, {
  name: "InfoKind",
  description: "A kind of case information: the unit of consent and of what each ground discloses.",
  valuesConfig: {
    BASIC: { description: "The person, household, status, organisations involved." },
    CONSULTATION: { description: "Consultation records." },
    ASSESSMENT: { description: "Assessments." },
    PLAN: { description: "Support plans." },
    PROGRESS: { description: "Progress log, monitoring and evaluation." },
  },
});

@ObjectType("Consent", { description: "The person's consent to sharing (本人同意), its scope and its withdrawal." })
export class ConsentType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => [InfoKind], { description: "Kinds of information it covers." })
  infoKinds!: (keyof typeof InfoKind)[];
  @Field(() => Boolean, { description: "Covers discussion at 重層的支援会議." })
  coversMultiLayeredMeeting!: boolean;
  @Field(() => LocalDateResolver, { description: "Given on." })
  givenOn!: string;
  @Field(() => Date, { nullable: true, description: "Withdrawn at (effective at once)." })
  withdrawnAt?: Date | null;
}
