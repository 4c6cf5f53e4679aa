import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import { CasePayload, casePayload, changedCasePayload } from "../case/case.payload.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Consent } from "./consent.entity.js";
import { ConsentType, InfoKind } from "./consent.type.js";

@Resolver(() => ConsentType)
export class ConsentResolver {
  @FieldResolver(() => [OrganizationRef], { description: "Organisations it names." })
  organizations(@Root() c: Consent): OrganizationRef[] {
    return c.organizationCodes.map(organizationRef);
  }

  @Mutation(() => CasePayload, { description: "Record the person's consent to sharing (lead or coordinator)." })
  recordConsent(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("organizationCodes", () => [String], { description: "The organisations the person agreed to share with, by code." })
    organizationCodes: string[],
    @Arg("infoKinds", () => [InfoKind], { description: "The kinds of information the consent covers." })
    infoKinds: (keyof typeof InfoKind)[],
    @Arg("coversMultiLayeredMeeting", () => Boolean, { description: "Whether it covers discussion at 重層的支援会議." }) covers: boolean,
    @Arg("givenOn", () => LocalDateResolver, { description: "When the person gave it." }) givenOn: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(
      ctx,
      { key: idempotencyKey, operation: "recordConsent", args: { caseId, organizationCodes, infoKinds, covers, givenOn } },
      caseId,
      (tx) => ctx.sharing.recordConsent(tx, caseId, organizationCodes, infoKinds, covers, givenOn),
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
