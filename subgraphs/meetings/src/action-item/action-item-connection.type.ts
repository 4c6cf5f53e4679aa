import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "@marugoto/shared";
import { ActionItemEdge } from "./action-item-edge.type.js";
import { ActionItemType } from "./action-item.type.js";

@ObjectType("ActionItemConnection", { description: "A page of action items." })
export class ActionItemConnection {
  @Field(() => [ActionItemEdge], { description: "The items of this page." })
  edges!: ActionItemEdge[];
  @Field(() => [ActionItemType], { description: "The items of this page, without cursors." })
  nodes!: ActionItemType[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}
