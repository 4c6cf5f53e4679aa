import { Field, ID, InputType, Int } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { AgendaItemKind } from "./enums.js";

@InputType("ScheduleMeetingInput", { description: "A new sitting of a body." })
export class ScheduleMeetingInput {
  @Field(() => String, { description: "The body's code, e.g. `marugoto-council`." })
  bodyCode!: string;
  @Field(() => String, { description: "Title (会議名)." })
  title!: string;
  @Field(() => Date, { description: "Start." })
  startsAt!: Date;
  @Field(() => Date, { nullable: true, description: "Planned end." })
  endsAt?: Date | null;
  @Field(() => String, { nullable: true, description: "Place." })
  place?: string | null;
  @Field(() => Boolean, { nullable: true, description: "非公開. Forced for case-handling bodies." })
  confidential?: boolean | null;
  @Field(() => [String], { nullable: true, description: "Organisation codes to invite besides the body's standing members (支援会議: chosen case by case)." })
  memberCodes?: string[] | null;
}

@InputType("RescheduleMeetingInput", { description: "A new time (and place) for a meeting." })
export class RescheduleMeetingInput {
  @Field(() => ID, { description: "The meeting." })
  meetingId!: string;
  @Field(() => Date, { description: "New start." })
  startsAt!: Date;
  @Field(() => Date, { nullable: true, description: "New planned end." })
  endsAt?: Date | null;
  @Field(() => String, { nullable: true, description: "New place; omit to keep." })
  place?: string | null;
}

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

@InputType("UpdateAgendaItemInput", { description: "Changes to an agenda item; omitted fields stay." })
export class UpdateAgendaItemInput {
  @Field(() => ID, { description: "The item." })
  itemId!: string;
  @Field(() => String, { nullable: true, description: "New title." })
  title?: string | null;
  @Field(() => String, { nullable: true, description: "New description (empty clears)." })
  description?: string | null;
  @Field(() => String, { nullable: true, description: "New presenting organisation's code." })
  presenterCode?: string | null;
  @Field(() => Int, { nullable: true, description: "New time allowed." })
  timeboxMinutes?: number | null;
}

@InputType("CreateActionItemInput", { description: "A task from an agenda item for an organisation." })
export class CreateActionItemInput {
  @Field(() => ID, { description: "The agenda item it comes from." })
  itemId!: string;
  @Field(() => String, { description: "What is to be done." })
  title!: string;
  @Field(() => String, { description: "Assignee organisation's code." })
  assigneeCode!: string;
  @Field(() => String, { nullable: true, description: "A named person there (担当者)." })
  assigneePerson?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Due date." })
  dueDate?: string | null;
}

@InputType("RaiseTopicInput", {
  description: "A need seen in individual cases, raised to a policy body. There is deliberately no field for a case or a person.",
})
export class RaiseTopicInput {
  @Field(() => ID, { description: "The case meeting raising it (not stored on the topic)." })
  meetingId!: string;
  @Field(() => String, { description: "Target body's code: 福祉まるごと会議 or a working group." })
  targetBodyCode!: string;
  @Field(() => String, { description: "Title." })
  title!: string;
  @Field(() => String, { description: "The need, without anything that identifies a person." })
  description!: string;
  @Field(() => String, { description: "Category (分類)." })
  category!: string;
}
