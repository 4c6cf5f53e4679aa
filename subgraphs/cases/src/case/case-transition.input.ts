import { Field, ID, InputType } from "type-graphql";
import type { RequiredFlatArguments } from "@marugoto/shared";
import { CaseStatus } from "./case.type.js";

@InputType("TransitionCaseInput", { description: "A move of a case along its lifecycle (lead or coordinator)." })
export class TransitionCaseInput {
  @Field(() => ID, { description: "The case." })
  caseId!: string;
  @Field(() => CaseStatus, { description: "The status to move to." })
  to!: keyof typeof CaseStatus;
  @Field(() => String, { nullable: true, description: "Why (理由), kept in the case's transitions; required to close or suspend." })
  reason?: string | null;
  @Field(() => Boolean, { nullable: true, description: "At 受理 (ACCEPTED): is it 複雑化・複合化? Required there." })
  complex?: boolean | null;
}

/** transitionCase's deprecated flat form: the arguments it must have, by their Japanese names. */
export const TRANSITION_CASE_REQUIRED: RequiredFlatArguments<TransitionCaseInput> = { caseId: "ケース", to: "移行先の状態" };
