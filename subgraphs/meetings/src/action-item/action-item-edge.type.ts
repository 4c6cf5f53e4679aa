import { Field, ObjectType } from "type-graphql";
import { ActionItemType } from "./action-item.type.js";

@ObjectType("ActionItemEdge", { description: "An action item in a connection." })
export class ActionItemEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => ActionItemType, { description: "The action item." })
  node!: ActionItemType;
}
