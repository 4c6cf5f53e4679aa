import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { PROGRESS_METHODS } from "./record.entity.js";

export const ProgressMethod = enumFrom(PROGRESS_METHODS);
registerEnumType(ProgressMethod, {
  name: "ProgressMethod",
  description: "How support was given (方法): visit, phone, office, meeting, accompaniment, other.",
  valuesConfig: {
    VISIT: { description: "A home visit (訪問)." },
    PHONE: { description: "By phone (電話)." },
    OFFICE: { description: "At the office, the person came (来所)." },
    MEETING: { description: "At a meeting (会議)." },
    ACCOMPANIMENT: { description: "Going with the person, e.g. to a counter or a clinic (同行)." },
    OTHER: { description: "Other (その他)." },
  },
});

@ObjectType("ProgressEntry", { description: "One entry of the progress log (支援経過)." })
export class ProgressEntryType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date." })
  date!: string;
  @Field(() => ProgressMethod, { description: "Method." })
  method!: keyof typeof ProgressMethod;
  @Field(() => String, { description: "Staff (担当者)." })
  staff!: string;
  @Field(() => String, { description: "Content." })
  content!: string;
}
