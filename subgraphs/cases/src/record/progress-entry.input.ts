import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { RequiredFlatArguments } from "@marugoto/shared";
import { ProgressMethod } from "./progress-entry.type.js";

@InputType("LogProgressInput", { description: "Support given, for the case's progress log (支援経過)." })
export class LogProgressInput {
  @Field(() => ID, { description: "The case." })
  caseId!: string;
  @Field(() => LocalDateResolver, { description: "When the support was given." })
  date!: string;
  @Field(() => ProgressMethod, { description: "How (方法)." })
  method!: keyof typeof ProgressMethod;
  @Field(() => String, { description: "Staff who gave it (担当者), up to 100 characters." })
  staff!: string;
  @Field(() => String, { description: "What was done (支援内容), up to 20,000 characters." })
  content!: string;
}

/** logProgress's deprecated flat form: the arguments it must have, by their Japanese names. */
export const LOG_PROGRESS_REQUIRED: RequiredFlatArguments<LogProgressInput> = {
  caseId: "ケース",
  date: "実施日",
  method: "方法",
  staff: "担当者",
  content: "支援内容",
};
