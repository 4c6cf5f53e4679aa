import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { MeetingsContext } from "../context.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import { MeetingType } from "../meeting/meeting.type.js";
import type { MeetingView } from "../meeting/meeting.view.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import { ActionItemStatus } from "./action-item-status.enum.js";
import { actionItemPayload, ActionItemPayload } from "./action-item.payload.js";
import { isOverdue } from "./action-item.service.js";
import { ActionItemType } from "./action-item.type.js";
import type { ActionItemView } from "./action-item.view.js";
import { CreateActionItemInput } from "./create-action-item.input.js";

const ACTION_ITEM = { description: "The action item." };

@Resolver(() => ActionItemType)
export class ActionItemResolver {
  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: "The organisation that owns it (担当組織); null if its code is not in the directory.",
  })
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

  @FieldResolver(() => Boolean, {
    description:
      "True when the title is withheld: a task from a case item, shown to its assignee organisation before it pledged confidentiality (守秘義務の誓約).",
  })
  redacted(@Root() item: ActionItemView): boolean {
    return item.redacted ?? false;
  }

  @FieldResolver(() => ID, { nullable: true, description: "The agenda item it came from." })
  agendaItemId(@Root() item: ActionItemView): string | null {
    return item.itemId;
  }

  @Mutation(() => ActionItemPayload, { description: "Create an action item from an agenda item (chair or secretary)." })
  createActionItem(
    @Arg("input", () => CreateActionItemInput, { description: "The new task." }) input: CreateActionItemInput,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return actionItemPayload(
      ctx,
      { key: idempotencyKey, operation: "createActionItem", args: { input } },
      async (tx) => (await ctx.actionItems.create(tx, input)).id,
    );
  }

  @Mutation(() => ActionItemPayload, {
    description: "Update an action item's status (its assignee organisation, or the chair; only the chair cancels).",
  })
  updateActionItemStatus(
    @Arg("id", () => ID, ACTION_ITEM) id: string,
    @Arg("status", () => ActionItemStatus, { description: "Its new status." }) status: keyof typeof ActionItemStatus,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return actionItemPayload(
      ctx,
      { key: idempotencyKey, operation: "updateActionItemStatus", args: { id, status } },
      async (tx) => (await ctx.actionItems.updateStatus(tx, id, status)).id,
    );
  }

  @Mutation(() => ActionItemPayload, { description: "Give an action item to another organisation (chair)." })
  reassignActionItem(
    @Arg("id", () => ID, ACTION_ITEM) id: string,
    @Arg("assigneeCode", () => String, { description: "The new assignee organisation's code, e.g. `nozei`." }) assigneeCode: string,
    @Arg("assigneePerson", () => String, { nullable: true, description: "A named person there (担当者); none when omitted." })
    assigneePerson: string | null | undefined,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return actionItemPayload(
      ctx,
      { key: idempotencyKey, operation: "reassignActionItem", args: { id, assigneeCode, assigneePerson } },
      async (tx) => (await ctx.actionItems.reassign(tx, id, assigneeCode, assigneePerson)).id,
    );
  }
}
