import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { CONSENT_ANSWERS, PROBLEM_AREAS, SOURCE_KINDS } from "./consultation.entity.js";

export const SourceKind = enumFrom(SOURCE_KINDS);
registerEnumType(SourceKind, {
  name: "ConsultationSource",
  description: "Where a consultation came from (相談経路).",
  valuesConfig: {
    AGENCY: { description: "A consultation agency." },
    CITY_SECTION: { description: "A city section." },
    HUB: { description: "A community hub (地域づくり拠点), via its district council." },
    WELFARE_COMMISSIONER: { description: "A 民生委員." },
    OTHER: { description: "Other." },
  },
});
export const ConsentAnswer = enumFrom(CONSENT_ANSWERS);
registerEnumType(ConsentAnswer, {
  name: "ConsentAnswer",
  description: "The person's answer at intake to sharing their information (情報共有への同意).",
  valuesConfig: {
    GIVEN: { description: "The person agreed (同意あり); the scope is recorded as a consent." },
    REFUSED: { description: "The person refused (同意なし)." },
    NOT_ASKED: { description: "Not asked yet (未確認), e.g. outreach before the person is met." },
  },
});
export const ProblemArea = enumFrom(PROBLEM_AREAS);
registerEnumType(ProblemArea, {
  name: "ProblemArea",
  description: "Problem area of the intake checklist (相談内容の分野).",
  valuesConfig: {
    LIVELIHOOD: { description: "Making ends meet (生活困窮)." },
    DEBT: { description: "Debt and arrears (借金・滞納)." },
    EMPLOYMENT: { description: "Work (就労)." },
    HOUSING: { description: "Housing (住まい)." },
    HEALTH: { description: "Physical health (病気・健康)." },
    MENTAL_HEALTH: { description: "Mental health (こころの健康)." },
    DISABILITY: { description: "Disability (障がい)." },
    ELDERLY_CARE: { description: "Old age and care (高齢・介護)." },
    CHILD_REARING: { description: "Raising children (子育て)." },
    ABUSE: { description: "Abuse or violence (虐待・暴力)." },
    WITHDRAWAL: { description: "Social withdrawal (ひきこもり)." },
    FAMILY: { description: "Family relations (家族関係)." },
    OTHER: { description: "Other (その他)." },
  },
});

@ObjectType("Consultation", { description: "A consultation received (相談受付)." })
export class ConsultationType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date received (受付日)." })
  receivedOn!: string;
  @Field(() => String, { description: "Who took it (受付者)." })
  takenBy!: string;
  @Field(() => SourceKind, { description: "Where it came from (相談経路)." })
  sourceKind!: keyof typeof SourceKind;
  @Field(() => String, { nullable: true, description: "Who came (来談者)." })
  visitor?: string | null;
  @Field(() => String, { nullable: true, description: "Their relation to the person (続柄)." })
  visitorRelation?: string | null;
  @Field(() => [ProblemArea], { description: "Problem areas checked." })
  problemAreas!: (keyof typeof ProblemArea)[];
  @Field(() => ProblemArea, { description: "The main area (主訴)." })
  mainProblemArea!: keyof typeof ProblemArea;
  @Field(() => String, { nullable: true, description: "What was said (相談内容)." })
  narrative?: string | null;
  @Field(() => ConsentAnswer, { description: "The consent answer at intake." })
  consentAnswer!: keyof typeof ConsentAnswer;
}
