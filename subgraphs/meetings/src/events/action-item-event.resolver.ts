import { FieldResolver, Resolver, Root } from "type-graphql";
import { ActionItemType } from "../action-item/action-item.type.js";
import type { ActionItemView } from "../action-item/action-item.view.js";
import { ActionItemEventType } from "./action-item-event.type.js";
import type { ActionItemEventRoot } from "./event-root.js";

@Resolver(() => ActionItemEventType)
export class ActionItemEventResolver {
  @FieldResolver(() => ActionItemType, {
    nullable: true,
    description: "The action item right after the change; null only for `CAUGHT_UP`.",
  })
  actionItem(@Root() event: ActionItemEventRoot): ActionItemView | null {
    return event.actionItem;
  }
}
