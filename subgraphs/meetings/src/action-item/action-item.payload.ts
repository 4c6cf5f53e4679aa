import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { ActionItemType } from "./action-item.type.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { MeetingsContext } from "../context.js";
import type { Once } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";

@ObjectType("ActionItemPayload", { description: "Result of a mutation on an action item." })
export class ActionItemPayload {
  @Field(() => ActionItemType, { nullable: true, description: "The item after the change; null when refused." })
  actionItem?: ActionItemType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Applies an action item mutation (its work answers with the item's id) and answers with the item as the caller may now see it. */
export async function actionItemPayload(ctx: MeetingsContext, once: Once, apply: (tx: EntityManager) => Promise<string>) {
  const { result: id, userErrors } = await mutateOnce(ctx, once, apply);
  return { actionItem: id === undefined ? null : await ctx.actionItems.visible(id), userErrors };
}
