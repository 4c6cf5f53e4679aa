import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ConsentAnswer, ProblemArea, Sex, SourceKind } from "./enums.js";

@InputType("PersonInput", { description: "What is known of a person; leave the name out for a pseudonymous outreach case." })
export class PersonInput {
  @Field(() => String, { nullable: true, description: "Name (氏名)." })
  name?: string | null;
  @Field(() => String, { nullable: true, description: "Name in kana." })
  nameKana?: string | null;
  @Field(() => Sex, { nullable: true, description: "Sex." })
  sex?: keyof typeof Sex | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Birth date." })
  birthDate?: string | null;
  @Field(() => String, { nullable: true, description: "Address." })
  address?: string | null;
  @Field(() => String, { nullable: true, description: "Phone." })
  phone?: string | null;
}

@InputType("ReceiveConsultationInput", { description: "A consultation received (相談受付): opens a case, or joins `caseId`." })
export class ReceiveConsultationInput {
  @Field(() => ID, { nullable: true, description: "An existing case the caller's organisation is assigned to." })
  caseId?: string | null;
  @Field(() => PersonInput, { nullable: true, description: "The main person, for a new case." })
  person?: PersonInput | null;
  @Field(() => LocalDateResolver, { description: "Date received." })
  receivedOn!: string;
  @Field(() => String, { description: "Who took it." })
  takenBy!: string;
  @Field(() => SourceKind, { description: "Where it came from." })
  sourceKind!: keyof typeof SourceKind;
  @Field(() => ID, { nullable: true, description: "For a consultation passed on by a hub: the hub's id." })
  sourceHubId?: string | null;
  @Field(() => String, { nullable: true, description: "Who came." })
  visitor?: string | null;
  @Field(() => String, { nullable: true, description: "Their relation to the person." })
  visitorRelation?: string | null;
  @Field(() => [ProblemArea], { description: "Problem areas (checklist)." })
  problemAreas!: (keyof typeof ProblemArea)[];
  @Field(() => ProblemArea, { description: "The main area; one of `problemAreas`." })
  mainProblemArea!: keyof typeof ProblemArea;
  @Field(() => String, { nullable: true, description: "What was said." })
  narrative?: string | null;
  @Field(() => ConsentAnswer, { description: "The person's answer to sharing." })
  consentAnswer!: keyof typeof ConsentAnswer;
}

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

@InputType("PlanRoleInput", { description: "One organisation's role in a plan." })
export class PlanRoleInput {
  @Field(() => String, { description: "Organisation code." })
  organizationCode!: string;
  @Field(() => String, { description: "What it does." })
  what!: string;
  @Field(() => String, { nullable: true, description: "How often." })
  frequency?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Until when." })
  until?: string | null;
}

@InputType("SupportPlanInput", { description: "A support plan (支援プラン)." })
export class SupportPlanInput {
  @Field(() => String, { description: "Goals." })
  goals!: string;
  @Field(() => String, { description: "Direction of support." })
  direction!: string;
  @Field(() => [PlanRoleInput], { description: "Each organisation's role." })
  roles!: PlanRoleInput[];
  @Field(() => Boolean, { description: "Refer to participation support (参加支援)." })
  referParticipationSupport!: boolean;
  @Field(() => Boolean, { description: "Refer to outreach (アウトリーチ)." })
  referOutreach!: boolean;
  @Field(() => Boolean, { description: "The person agreed." })
  personAgreed!: boolean;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the person agreed." })
  agreedOn?: string | null;
}
