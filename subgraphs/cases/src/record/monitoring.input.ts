import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { RequiredFlatArguments } from "@marugoto/shared";
import { EvaluationOutcome } from "./monitoring.type.js";

@InputType("RecordMonitoringInput", { description: "A monitoring and evaluation (モニタリング・評価) of a case." })
export class RecordMonitoringInput {
  @Field(() => ID, { description: "The case." })
  caseId!: string;
  @Field(() => LocalDateResolver, { description: "Date of the monitoring." })
  date!: string;
  @Field(() => Boolean, { description: "Whether the plan's goals were met." })
  goalsMet!: boolean;
  @Field(() => String, { description: "The evaluation (評価), up to 20,000 characters." })
  evaluation!: string;
  @Field(() => EvaluationOutcome, { nullable: true, description: "What was decided, if anything yet." })
  outcome?: keyof typeof EvaluationOutcome | null;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "The next review (次回評価日); omitted keeps the current one, null clears it.",
  })
  nextReviewDate?: string | null;
}

/** recordMonitoring's deprecated flat form: the arguments it must have, by their Japanese names. */
export const RECORD_MONITORING_REQUIRED: RequiredFlatArguments<RecordMonitoringInput> = {
  caseId: "ケース",
  date: "実施日",
  goalsMet: "目標の達成",
  evaluation: "評価",
};
