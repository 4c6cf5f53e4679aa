import { Field, ID, InputType, Int } from "type-graphql";
import { AgendaItemKind } from "./agenda-item-kind.enum.js";

@InputType("AddAgendaItemInput", { description: "A new agenda item, added at the end." })
export class AddAgendaItemInput {
  @Field(() => ID, { description: "The meeting." })
  meetingId!: string;
  @Field(() => AgendaItemKind, { description: "Kind; CASE only on bodies that may handle individual cases." })
  kind!: keyof typeof AgendaItemKind;
  @Field(() => String, { description: "Title." })
  title!: string;
  @Field(() => String, { nullable: true, description: "Description." })
  description?: string | null;
  @Field(() => String, { nullable: true, description: "Presenting organisation's code (報告者)." })
  presenterCode?: string | null;
  @Field(() => Int, { nullable: true, description: "Minutes allowed (1–600)." })
  timeboxMinutes?: number | null;
  @Field(() => ID, { nullable: true, description: "For a CASE item: the case's id." })
  caseId?: string | null;
}
