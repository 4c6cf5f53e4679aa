import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { ActionItemView } from "../action-item/action-item.view.js";
import { ActionItemType } from "../action-item/action-item.type.js";
import type { MeetingsContext } from "../context.js";
import type { Decision } from "../decision/decision.entity.js";
import { DecisionType } from "../decision/decision.type.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import { meetingPayload, MeetingPayload } from "../meeting/meeting.payload.js";
import { contentsShown, redactedTitle, type ItemView } from "../meeting/meeting.view.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import { AddAgendaItemInput } from "./add-agenda-item.input.js";
import { agendaItemPayload, AgendaItemPayload } from "./agenda-item.payload.js";
import { AgendaItemType } from "./agenda-item.type.js";
import { UpdateAgendaItemInput } from "./update-agenda-item.input.js";

const ITEM = { description: "The agenda item." };

@Resolver(() => AgendaItemType)
export class AgendaItemResolver {
  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: "The presenting organisation (報告者); null if none, or if its code is not in the directory.",
  })
  presenter(@Root() item: ItemView): OrganizationRef | null {
    return knownOrganizationRef(item.presenterCode);
  }

  @FieldResolver(() => String, {
    description:
      "Title (議題名). An item of a case meeting (支援会議, 重層的支援会議) shows its title once the caller's organisation pledges.",
  })
  title(@Root() item: ItemView): string {
    return contentsShown(item) ? item.title : redactedTitle(item);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Description (説明); null for an item of a case meeting until the caller's organisation pledges.",
  })
  description(@Root() item: ItemView): string | null {
    return contentsShown(item) ? item.description : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: "For a case item the caller may see: the case's id." })
  caseId(@Root() item: ItemView): string | null {
    return contentsShown(item) ? item.caseId : null;
  }

  // `AgendaItem.case` is resolved by the cases subgraph (@requires caseId): only it knows whether the
  // caller has a ground to see the case. Answered here, `case { id meetings }` never reached it.

  @FieldResolver(() => [DecisionType], { description: "Decisions recorded against this item." })
  decisions(@Root() item: ItemView, @Ctx() ctx: MeetingsContext): Promise<Decision[]> {
    return ctx.agenda.decisionsOf(item);
  }

  @FieldResolver(() => [ActionItemType], {
    description: "Action items that came from this item (of a case item: as the pledge rule allows).",
  })
  actionItems(@Root() item: ItemView, @Ctx() ctx: MeetingsContext): Promise<ActionItemView[]> {
    return ctx.actionItems.forAgendaItem(item.id);
  }

  @FieldResolver(() => Boolean)
  redacted(@Root() item: ItemView): boolean {
    return item.redacted ?? false;
  }

  /** Events published before items had a revision carry none: such an item was never edited since. */
  @FieldResolver(() => Int, {
    description:
      "Revision of the contents (title, description, presenter, time allowed): 1 as added, one more at every edit. An editor sends the revision it read as `UpdateAgendaItemInput.expectedRevision`.",
  })
  revision(@Root() item: ItemView): number {
    return item.revision ?? 1;
  }

  @Mutation(() => AgendaItemPayload, {
    description: "Add an item at the end of the agenda (chair or secretary). A CASE item only on 支援会議 / 重層的支援会議.",
  })
  addAgendaItem(
    @Arg("input", () => AddAgendaItemInput, { description: "The new item." }) input: AddAgendaItemInput,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return agendaItemPayload(ctx, { key: idempotencyKey, operation: "addAgendaItem", args: { input } }, (tx) => ctx.agenda.add(tx, input));
  }

  @Mutation(() => AgendaItemPayload, { description: "Edit an agenda item (chair or secretary)." })
  updateAgendaItem(
    @Arg("input", () => UpdateAgendaItemInput, { description: "The item and its changes." }) input: UpdateAgendaItemInput,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return agendaItemPayload(ctx, { key: idempotencyKey, operation: "updateAgendaItem", args: { input } }, (tx) =>
      ctx.agenda.update(tx, input),
    );
  }

  @Mutation(() => MeetingPayload, { description: "Remove a pending or deferred agenda item (chair or secretary)." })
  removeAgendaItem(
    @Arg("itemId", () => ID, ITEM) itemId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(ctx, { key: idempotencyKey, operation: "removeAgendaItem", args: { itemId } }, (tx) =>
      ctx.agenda.remove(tx, itemId),
    );
  }

  @Mutation(() => MeetingPayload, { description: "Put the agenda in a new order: every item of the meeting, once each." })
  reorderAgenda(
    @Arg("meetingId", () => ID, { description: "The meeting." }) meetingId: string,
    @Arg("itemIds", () => [ID], { description: "Every item of its agenda, in the new order." }) itemIds: string[],
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
    @Arg("expectedItemIds", () => [ID], {
      nullable: true,
      description:
        "The order the caller saw (the board sends it). When another editor reordered the agenda meanwhile, nothing is changed and the answer is AGENDA_ORDER_CHANGED. Omitted: no check.",
    })
    expectedItemIds?: string[] | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "reorderAgenda", args: { meetingId, itemIds, expectedItemIds } },
      async (tx) => (await ctx.agenda.reorder(tx, meetingId, itemIds, expectedItemIds), meetingId),
    );
  }

  @Mutation(() => AgendaItemPayload, { description: "先送り: defer an item; if it was current, the next pending one becomes current." })
  deferAgendaItem(
    @Arg("itemId", () => ID, ITEM) itemId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return agendaItemPayload(
      ctx,
      { key: idempotencyKey, operation: "deferAgendaItem", args: { itemId } },
      async (tx) => (await ctx.agenda.defer(tx, itemId), itemId),
    );
  }
}
