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
registerEnumType(ConsentAnswer, { name: "ConsentAnswer", description: "The person's answer at intake to sharing their information (情報共有への同意)." });
export const ProblemArea = enumFrom(PROBLEM_AREAS);
registerEnumType(ProblemArea, { name: "ProblemArea", description: "Problem area of the intake checklist (相談内容の分野)." });

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
