import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { chooseInputForm, deprecatedFlatArg, IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import { CasePayload, casePayload, changedCasePayload, type CasePayloadView } from "../case/case.payload.js";
import type { CasesContext } from "../context.js";
import { mutateOnce } from "../idempotency/mutate-once.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Disclosure } from "./access.entity.js";
import { DISCLOSE_TO_MEETING_REQUIRED, DiscloseToMeetingInput } from "./disclosure.input.js";
import { DisclosureKind, DisclosureType } from "./disclosure.type.js";
import { MeetingDisclosuresPayload } from "./meeting-disclosures.payload.js";

@Resolver(() => DisclosureType)
export class DisclosureResolver {
  @FieldResolver(() => [OrganizationRef], { description: "Member organisations it was disclosed to." })
  organizations(@Root() d: Disclosure): OrganizationRef[] {
    return d.organizationCodes.map(organizationRef);
  }

  @Mutation(() => CasePayload, {
    description:
      "Disclose a case to a meeting's members for its purpose: 支援会議 (no consent needed) or 重層的支援会議 (consent required).",
  })
  async discloseToMeeting(
    @Arg("input", () => DiscloseToMeetingInput, {
      nullable: true,
      description: "The disclosure; give this, not the deprecated flat arguments.",
    })
    input: DiscloseToMeetingInput | null | undefined,
    @Arg("caseId", () => ID, deprecatedFlatArg("The case.")) caseId: string | null | undefined,
    @Arg("kind", () => DisclosureKind, deprecatedFlatArg("Which kind of meeting.")) kind: keyof typeof DisclosureKind | null | undefined,
    @Arg("meetingId", () => ID, deprecatedFlatArg("The meeting (of the meetings subgraph).")) meetingId: string | null | undefined,
    @Arg("organizationCodes", () => [String], deprecatedFlatArg("The member organisations to disclose it to, by code."))
    organizationCodes: string[] | null | undefined,
    @Arg("purpose", () => String, deprecatedFlatArg("The purpose (目的); the information may be used for it only."))
    purpose: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CasePayloadView> {
    const flat = { caseId, kind, meetingId, organizationCodes, purpose };
    const { input: chosen, userErrors } = chooseInputForm(input, flat, DISCLOSE_TO_MEETING_REQUIRED);
    if (!chosen) return { case: null, userErrors };
    // The meeting is asked before the transaction opens (a call to another subgraph holds no connection).
    const asked = await ctx.sharing.askMeeting(chosen);
    return casePayload(ctx, { key: idempotencyKey, operation: "discloseToMeeting", args: chosen }, chosen.caseId, (tx) =>
      ctx.sharing.disclose(tx, chosen, asked),
    );
  }

  @Mutation(() => CasePayload, { description: "Revoke a disclosure; the meeting ground ends at once." })
  revokeDisclosure(
    @Arg("disclosureId", () => ID, { description: "The disclosure to revoke." }) disclosureId: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return changedCasePayload(ctx, { key: idempotencyKey, operation: "revokeDisclosure", args: { disclosureId } }, (tx) =>
      ctx.sharing.revokeDisclosure(tx, disclosureId),
    );
  }

  // Not part of the public graph (@inaccessible): only the meetings subgraph calls it, as the chair, just
  // before it removes the member; through the gateway no one can withdraw disclosures a case's managers made.
  @Directive("@inaccessible")
  @Mutation(() => MeetingDisclosuresPayload, {
    description:
      "An organisation leaves a case meeting (the meeting's chair; the meetings subgraph calls this before it removes a member): each of the meeting's disclosures naming it is revoked and made again for the organisations that stay, so what the meeting was shown is no longer shown to it.",
  })
  async withdrawMeetingDisclosures(
    @Arg("meetingId", () => ID, { description: "The meeting (of the meetings subgraph)." }) meetingId: string,
    @Arg("organizationCode", () => String, { description: "The organisation leaving it, by code." }) organizationCode: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<MeetingDisclosuresPayload> {
    // The meeting is asked before the transaction opens (a call to another subgraph holds no connection).
    const asked = await ctx.sharing.askMeetingToLeave(meetingId);
    const once = { key: idempotencyKey, operation: "withdrawMeetingDisclosures", args: { meetingId, organizationCode } };
    const { result, userErrors } = await mutateOnce(ctx, once, async (tx) =>
      String(await ctx.sharing.withdrawFromMeeting(tx, meetingId, organizationCode, asked)),
    );
    return { withdrawn: result === undefined ? null : Number(result), userErrors };
  }

  // Not part of the public graph either: the meetings subgraph calls it, as the chair, before and after it
  // calls a case meeting off.
  @Directive("@inaccessible")
  @Mutation(() => MeetingDisclosuresPayload, {
    description:
      "A case meeting is called off (中止; the meeting's chair; the meetings subgraph calls this before and after it calls the meeting off): every disclosure of the meeting is revoked, none made again, so no member sees what it was shown. Refused (`MEETING_OPENED`) once the meeting has opened.",
  })
  async withdrawCalledOffMeetingDisclosures(
    @Arg("meetingId", () => ID, { description: "The meeting (of the meetings subgraph)." }) meetingId: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<MeetingDisclosuresPayload> {
    const asked = await ctx.sharing.askMeetingToLeave(meetingId);
    const once = { key: idempotencyKey, operation: "withdrawCalledOffMeetingDisclosures", args: { meetingId } };
    const { result, userErrors } = await mutateOnce(ctx, once, async (tx) =>
      String(await ctx.sharing.withdrawFromCalledOffMeeting(tx, meetingId, asked)),
    );
    return { withdrawn: result === undefined ? null : Number(result), userErrors };
  }

  @Mutation(() => CasePayload, {
    description:
      "Emergency access (緊急閲覧) to one case for the caller alone: a reason is required; it lasts an hour and is flagged for review. Refused (`BREAK_GLASS_ENDED`) to a person whose emergency access to the case a review ended.",
  })
  breakGlass(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("reason", () => String, { description: "Why the access is needed now; reviewed by an auditor." }) reason: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "breakGlass", args: { caseId, reason } }, caseId, (tx) =>
      ctx.sharing.breakGlass(tx, caseId, reason),
    );
  }
}
