import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { chooseInputForm, deprecatedFlatArg, IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import { CasePayload, casePayload, changedCasePayload, type CasePayloadView } from "../case/case.payload.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Consent } from "./consent.entity.js";
import { RECORD_CONSENT_REQUIRED, RecordConsentInput } from "./consent.input.js";
import { ConsentType, InfoKind } from "./consent.type.js";

@Resolver(() => ConsentType)
export class ConsentResolver {
  @FieldResolver(() => [OrganizationRef], { description: "Organisations it names." })
  organizations(@Root() c: Consent): OrganizationRef[] {
    return c.organizationCodes.map(organizationRef);
  }

  @Mutation(() => CasePayload, { description: "Record the person's consent to sharing (lead or coordinator)." })
  async recordConsent(
    @Arg("input", () => RecordConsentInput, { nullable: true, description: "The consent; give this, not the deprecated flat arguments." })
    input: RecordConsentInput | null | undefined,
    @Arg("caseId", () => ID, deprecatedFlatArg("The case.")) caseId: string | null | undefined,
    @Arg("organizationCodes", () => [String], deprecatedFlatArg("The organisations the person agreed to share with, by code."))
    organizationCodes: string[] | null | undefined,
    @Arg("infoKinds", () => [InfoKind], deprecatedFlatArg("The kinds of information the consent covers."))
    infoKinds: (keyof typeof InfoKind)[] | null | undefined,
    @Arg("coversMultiLayeredMeeting", () => Boolean, deprecatedFlatArg("Whether it covers discussion at 重層的支援会議."))
    coversMultiLayeredMeeting: boolean | null | undefined,
    @Arg("givenOn", () => LocalDateResolver, deprecatedFlatArg("When the person gave it (Asia/Tokyo); not in the future (DATE_IN_FUTURE)."))
    givenOn: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CasePayloadView> {
    const flat = { caseId, organizationCodes, infoKinds, coversMultiLayeredMeeting, givenOn };
    const { input: chosen, userErrors } = chooseInputForm(input, flat, RECORD_CONSENT_REQUIRED);
    if (!chosen) return { case: null, userErrors };
    // Hashed as the flat arguments always were (`covers` was the name), so a key stored before the input form still matches.
    const { coversMultiLayeredMeeting: covers, ...rest } = chosen;
    return casePayload(ctx, { key: idempotencyKey, operation: "recordConsent", args: { ...rest, covers } }, chosen.caseId, (tx) =>
      ctx.sharing.recordConsent(tx, chosen),
    );
  }

  @Mutation(() => CasePayload, {
    description: "Withdraw a consent: every ground it gave ends at once, on every path (lead or coordinator).",
  })
  withdrawConsent(
    @Arg("consentId", () => ID, { description: "The consent to withdraw." }) consentId: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return changedCasePayload(ctx, { key: idempotencyKey, operation: "withdrawConsent", args: { consentId } }, (tx) =>
      ctx.sharing.withdrawConsent(tx, consentId),
    );
  }
}
