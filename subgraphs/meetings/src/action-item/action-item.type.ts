import { Directive, Field, ID, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ActionItemStatus } from "./action-item-status.enum.js";

@ObjectType("ActionItem", { description: "A task that came out of a meeting (アクションアイテム), owned by an organisation." })
@Directive('@key(fields: "id")')
export class ActionItemType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "What is to be done (タスク)." })
  title!: string;

  @Field(() => String, { nullable: true, description: "A named person at the assignee organisation (担当者)." })
  assigneePerson?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Due date (期限), a calendar date in Asia/Tokyo." })
  dueDate?: string | null;

  @Field(() => ActionItemStatus, { description: "Where it stands." })
  status!: keyof typeof ActionItemStatus;

  @Field(() => Date, { description: "Last change." })
  updatedAt!: Date;
}
