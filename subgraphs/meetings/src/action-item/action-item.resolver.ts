import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { EntityManager } from "@mikro-orm/postgresql";
import { runMutation } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { applyOnce, IDEMPOTENCY_KEY_DESCRIPTION, type Once } from "../idempotency/idempotency.js";
import { ActionItemStatus } from "../enums.js";
import { CreateActionItemInput } from "../inputs.js";
import type { MeetingView } from "../meeting/meeting.view.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import { ActionItemPayload, ActionItemType, MeetingType } from "../types.js";
import type { ActionItem } from "./action-item.entity.js";
import { isOverdue } from "./action-item.service.js";
import type { ActionItemView } from "./action-item.view.js";

async function actionPayload(ctx: MeetingsContext, fn: (tx: EntityManager) => Promise<ActionItem>, once?: Once) {
  let id = "";
  const { userErrors } = await runMutation(ctx.em, async (tx) => (id = await applyOnce(tx, ctx.identity, once?.key, once?.operation ?? "", once?.args, async () => (await fn(tx)).id)));
  ctx.renew();
  return { actionItem: userErrors.length ? null : await ctx.actionItems.visible(id), userErrors };
}

@Resolver(() => ActionItemType)
export class ActionItemResolver {
  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The organisation that owns it (担当組織); null if its code is not in the directory." })
  assignee(@Root() item: ActionItemView): OrganizationRef | null {
    return knownOrganizationRef(item.assigneeCode);
  }

  @FieldResolver(() => Boolean, { description: "Past its due date (Asia/Tokyo) while still open or in progress (期限超過)." })
  overdue(@Root() item: ActionItemView): boolean {
    return isOverdue(item);
  }

  @FieldResolver(() => MeetingType, { nullable: true, description: "The meeting it came from." })
  meeting(@Root() item: ActionItemView, @Ctx() ctx: MeetingsContext): Promise<MeetingView | null> {
    return ctx.meetings.visible(item.meetingId);
  }

  @FieldResolver(() => Boolean, { description: "True when the title is withheld: a task from a case item, shown to its assignee organisation before it pledged confidentiality (守秘義務の誓約)." })
  redacted(@Root() item: ActionItemView): boolean {
    return item.redacted ?? false;
  }

  @FieldResolver(() => ID, { nullable: true, description: "The agenda item it came from." })
  agendaItemId(@Root() item: ActionItemView): string | null {
    return item.itemId;
  }

  @Mutation(() => ActionItemPayload, { description: "Create an action item from an agenda item (chair or secretary)." })
  createActionItem(@Arg("input", () => CreateActionItemInput) input: CreateActionItemInput, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return actionPayload(ctx, (tx) => ctx.actionItems.create(tx, input), { key: idempotencyKey, operation: "createActionItem", args: { input } });
  }

  @Mutation(() => ActionItemPayload, { description: "Update an action item's status (its assignee organisation, or the chair; only the chair cancels)." })
  updateActionItemStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => ActionItemStatus) status: keyof typeof ActionItemStatus,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ) {
    return actionPayload(ctx, (tx) => ctx.actionItems.updateStatus(tx, id, status), { key: idempotencyKey, operation: "updateActionItemStatus", args: { id, status } });
  }

  @Mutation(() => ActionItemPayload, { description: "Give an action item to another organisation (chair)." })
  reassignActionItem(
    @Arg("id", () => ID) id: string,
    @Arg("assigneeCode", () => String) assigneeCode: string,
    @Arg("assigneePerson", () => String, { nullable: true }) assigneePerson: string | null | undefined,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ) {
    return actionPayload(ctx, (tx) => ctx.actionItems.reassign(tx, id, assigneeCode, assigneePerson), { key: idempotencyKey, operation: "reassignActionItem", args: { id, assigneeCode, assigneePerson } });
  }
}
