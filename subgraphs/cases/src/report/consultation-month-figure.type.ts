import { Field, ObjectType } from "type-graphql";
import { Count } from "@marugoto/shared";
import type { SOURCE_KINDS } from "../consultation/consultation.entity.js";
import { SourceKind } from "../consultation/consultation.type.js";

@ObjectType("ConsultationMonthFigure", { description: "Consultations received in one month from one source (月別・経路別の相談受付件数)." })
export class ConsultationMonthFigure {
  @Field(() => String, { description: "The month, YYYY-MM (Asia/Tokyo)." })
  month!: string;
  @Field(() => SourceKind, { description: "Where the consultations came from (相談経路)." })
  source!: (typeof SOURCE_KINDS)[number];
  @Field(() => Count, { description: "Consultations received; below 5 suppressed for callers not entitled." })
  consultations!: Count;
}
