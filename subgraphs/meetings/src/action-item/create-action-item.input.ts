import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";

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
