import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { EVALUATION_OUTCOMES } from "./record.entity.js";

export const EvaluationOutcome = enumFrom(EVALUATION_OUTCOMES);
registerEnumType(EvaluationOutcome, {
  name: "EvaluationOutcome",
  description: "What an evaluation decided: close, continue, re-plan, suspend, end collaboration.",
  valuesConfig: {
    CLOSE: { description: "Close the case (終結)." },
    CONTINUE: { description: "Continue with the current plan (継続)." },
    REPLAN: { description: "Make a new plan (再プラン)." },
    SUSPEND: { description: "Suspend support (中断)." },
    END_COLLABORATION: {
      description: "End multi-agency collaboration; the lead organisation keeps accompanying the person (多機関協働の終結).",
    },
  },
});

@ObjectType("Monitoring", { description: "A monitoring and evaluation (モニタリング・評価)." })
export class MonitoringType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date." })
  date!: string;
  @Field(() => Boolean, { description: "Goals met." })
  goalsMet!: boolean;
  @Field(() => String, { description: "Evaluation." })
  evaluation!: string;
  @Field(() => EvaluationOutcome, { nullable: true, description: "What was decided." })
  outcome?: keyof typeof EvaluationOutcome | null;
}
