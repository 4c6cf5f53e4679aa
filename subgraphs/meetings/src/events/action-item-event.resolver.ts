import { FieldResolver, Resolver, Root } from "type-graphql";
import { ActionItemType } from "../action-item/action-item.type.js";
import type { ActionItemView } from "../action-item/action-item.view.js";
import { ActionItemEventType } from "./action-item-event.type.js";
import type { ActionItemEventRoot } from "./event-root.js";

@Resolver(() => ActionItemEventType)
export class ActionItemEventResolver {
  @FieldResolver(() => ActionItemType, { description: "The action item right after the change." })
  actionItem(@Root() event: ActionItemEventRoot): ActionItemView {
    return event.actionItem;
  }
}
