import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { EntityManager } from "@mikro-orm/postgresql";
import { runMutation } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { applyOnce, IDEMPOTENCY_KEY_DESCRIPTION, type Once } from "../idempotency/idempotency.js";
import type { Decision } from "../decision/decision.entity.js";
import { AddAgendaItemInput, UpdateAgendaItemInput } from "../inputs.js";
import { meetingPayload } from "../meeting/meeting.resolver.js";
import { contentsShown, REDACTED_CASE_TITLE, type ItemView, type MemberView } from "../meeting/meeting.view.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import type { ActionItemView } from "../action-item/action-item.view.js";
import { ActionItemType, AgendaItemPayload, AgendaItemType, DecisionPayload, DecisionType, MeetingMemberType, MeetingPayload } from "../types.js";

/** Runs an item mutation and answers with the item and its meeting as they now stand. */
async function itemPayload(ctx: MeetingsContext, fn: (tx: EntityManager) => Promise<string>, once?: Once) {
  let itemId = "";
  const { userErrors } = await runMutation(ctx.em, async (tx) => (itemId = await applyOnce(tx, ctx.identity, once?.key, once?.operation ?? "", once?.args, () => fn(tx))));
  if (userErrors.length) return { item: null, meeting: null, userErrors };
  ctx.renew();
  const found = await ctx.agenda.findVisible(itemId);
  return { item: found?.item ?? null, meeting: found?.meeting ?? null, userErrors };
}

@Resolver(() => AgendaItemType)
export class AgendaItemResolver {
  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The presenting organisation (報告者); null if none, or if its code is not in the directory." })
  presenter(@Root() item: ItemView): OrganizationRef | null {
    return knownOrganizationRef(item.presenterCode);
  }

  @FieldResolver(() => String, { description: "Title (議題名). A case item's title is withheld until the caller's organisation pledges." })
  title(@Root() item: ItemView): string {
    return contentsShown(item) ? item.title : REDACTED_CASE_TITLE;
  }

  @FieldResolver(() => String, { nullable: true, description: "Description (説明); null for a case item until the caller's organisation pledges." })
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

  @FieldResolver(() => [ActionItemType], { description: "Action items that came from this item (of a case item: as the pledge rule allows)." })
  actionItems(@Root() item: ItemView, @Ctx() ctx: MeetingsContext): Promise<ActionItemView[]> {
    return ctx.actionItems.forAgendaItem(item.id);
  }

  @FieldResolver(() => Boolean)
  redacted(@Root() item: ItemView): boolean {
    return item.redacted ?? false;
  }

  @Mutation(() => AgendaItemPayload, { description: "Add an item at the end of the agenda (chair or secretary). A CASE item only on 支援会議 / 重層的支援会議." })
  addAgendaItem(@Arg("input", () => AddAgendaItemInput) input: AddAgendaItemInput, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return itemPayload(ctx, (tx) => ctx.agenda.add(tx, input), { key: idempotencyKey, operation: "addAgendaItem", args: { input } });
  }

  @Mutation(() => AgendaItemPayload, { description: "Edit an agenda item (chair or secretary)." })
  updateAgendaItem(@Arg("input", () => UpdateAgendaItemInput) input: UpdateAgendaItemInput, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return itemPayload(ctx, (tx) => ctx.agenda.update(tx, input), { key: idempotencyKey, operation: "updateAgendaItem", args: { input } });
  }

  @Mutation(() => MeetingPayload, { description: "Remove a pending or deferred agenda item (chair or secretary)." })
  async removeAgendaItem(@Arg("itemId", () => ID) itemId: string, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    let meetingId = "";
    const { userErrors } = await runMutation(ctx.em, async (tx) => (meetingId = await applyOnce(tx, ctx.identity, idempotencyKey, "removeAgendaItem", { itemId }, () => ctx.agenda.remove(tx, itemId))));
    ctx.renew();
    return { meeting: userErrors.length ? null : await ctx.meetings.visible(meetingId), userErrors };
  }

  @Mutation(() => MeetingPayload, { description: "Put the agenda in a new order: every item of the meeting, once each." })
  reorderAgenda(@Arg("meetingId", () => ID) meetingId: string, @Arg("itemIds", () => [ID]) itemIds: string[], @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return meetingPayload(ctx, meetingId, (tx) => ctx.agenda.reorder(tx, meetingId, itemIds), { key: idempotencyKey, operation: "reorderAgenda", args: { meetingId, itemIds } });
  }

  @Mutation(() => AgendaItemPayload, { description: "先送り: defer an item; if it was current, the next pending one becomes current." })
  deferAgendaItem(@Arg("itemId", () => ID) itemId: string, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return itemPayload(ctx, async (tx) => {
      await ctx.agenda.defer(tx, itemId);
      return itemId;
    }, { key: idempotencyKey, operation: "deferAgendaItem", args: { itemId } });
  }

  @Mutation(() => DecisionPayload, { description: "Record a decision against an item (chair or secretary)." })
  async recordDecision(@Arg("itemId", () => ID) itemId: string, @Arg("content", () => String) content: string, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    let id = "";
    const { userErrors } = await runMutation(ctx.em, async (tx) => (id = await applyOnce(tx, ctx.identity, idempotencyKey, "recordDecision", { itemId, content }, () => ctx.agenda.recordDecision(tx, itemId, content))));
    if (userErrors.length) return { decision: null, userErrors };
    ctx.renew();
    // The decision only as its item may be seen: a case item's decisions follow the pledge.
    const decision = await ctx.agenda.decision(id);
    const found = decision && (await ctx.agenda.findVisible(decision.item.id));
    return { decision: found && contentsShown(found.item) ? decision : null, userErrors };
  }
}

@Resolver(() => MeetingMemberType)
export class MeetingMemberResolver {
  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The member organisation; null if its code is not in the directory." })
  organization(@Root() member: MemberView): OrganizationRef | null {
    return knownOrganizationRef(member.organizationCode);
  }

  @FieldResolver(() => Boolean, { description: "Whether the organisation has pledged confidentiality for this meeting." })
  pledged(@Root() member: MemberView): boolean {
    return member.pledgedAt !== null;
  }
}

