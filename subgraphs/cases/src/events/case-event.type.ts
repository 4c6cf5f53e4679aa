import { Field, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { CASE_EVENT_KINDS } from "./case-events.js";

export const CaseEventKind = enumFrom(CASE_EVENT_KINDS);
registerEnumType(CaseEventKind, { name: "CaseEventKind", description: "What changed on a case." });

@ObjectType("CaseEvent", { description: "A change to a case; the case is read anew, through the caller's grounds, for every event." })
export class CaseEventType {
  @Field(() => String, { description: "Resume point for `after`." })
  cursor!: string;
  @Field(() => CaseEventKind, { description: "What changed." })
  kind!: keyof typeof CaseEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}
