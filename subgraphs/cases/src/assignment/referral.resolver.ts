import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import { CasePayload, changedCasePayload } from "../case/case.payload.js";
import { mutateOnce } from "../idempotency/mutate-once.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Referral } from "./assignment.entity.js";
import { ReferralPayload } from "./referral.payload.js";
import { ReferralType } from "./referral.type.js";

@Resolver(() => ReferralType)
export class ReferralResolver {
  @FieldResolver(() => OrganizationRef, { description: "Sent by." })
  from(@Root() r: Referral): OrganizationRef {
    return organizationRef(r.fromCode);
  }

  @FieldResolver(() => OrganizationRef, { description: "Sent to." })
  to(@Root() r: Referral): OrganizationRef {
    return organizationRef(r.toCode);
  }

  @Mutation(() => ReferralPayload, { description: "Refer a case to another organisation (assigned organisations)." })
  async referCase(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("toCode", () => String, { description: "The organisation to refer it to, by code." }) toCode: string,
    @Arg("note", () => String, { nullable: true, description: "A note for the receiving organisation." }) note: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    const once = { key: idempotencyKey, operation: "referCase", args: { caseId, toCode, note } };
    const { result: referralId, userErrors } = await mutateOnce(ctx, once, (tx) => ctx.sharing.refer(tx, caseId, toCode, note));
    return { referralId: referralId ?? null, case: referralId === undefined ? null : await ctx.cases.read(caseId, "mutation"), userErrors };
  }

  @Mutation(() => CasePayload, {
    description: "Accept (and be assigned as support) or decline a referral sent to the caller's organisation.",
  })
  respondToReferral(
    @Arg("referralId", () => ID, { description: "The referral." }) referralId: string,
    @Arg("accept", () => Boolean, { description: "True to accept, false to decline." }) accept: boolean,
    @Arg("reason", () => String, { nullable: true, description: "When declining: why." }) reason: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    const once = { key: idempotencyKey, operation: "respondToReferral", args: { referralId, accept, reason } };
    return changedCasePayload(ctx, once, (tx) => ctx.sharing.respond(tx, referralId, accept, reason));
  }
}
