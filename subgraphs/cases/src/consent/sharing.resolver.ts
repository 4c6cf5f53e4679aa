import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { encodeCursor, runMutation } from "@marugoto/shared";
import type { Disclosure } from "../access/access.entity.js";
import type { Assignment, Referral } from "../assignment/assignment.entity.js";
import { casePayload } from "../case/case.resolver.js";
import type { CasesContext } from "../context.js";
import type { Consultation } from "../consultation/consultation.entity.js";
import { AssignmentRole, CaseStatus, DisclosureKind, Ground, InfoKind } from "../enums.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { PlanRole, ProgressEntry, SupportPlan } from "../record/record.entity.js";
import {
  AssignmentType,
  CasePayload,
  ConsentType,
  ConsultationType,
  DisclosureType,
  PlanRoleType,
  ProgressEntryType,
  ReferralPayload,
  ReferralType,
  SharedCaseConnection,
  SupportPlanType,
} from "../types.js";
import type { Consent } from "./consent.entity.js";

@Resolver(() => OrganizationRef)
export class OrganizationCasesResolver {
  @FieldResolver(() => SharedCaseConnection, {
    description: "Cases shared with this organisation (共有ケース), with the grounds. Only for the caller's own organisation; every case listed is a read, audited.",
  })
  async sharedCases(
    @Root() org: OrganizationRef,
    @Ctx() ctx: CasesContext,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 500)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge (`pageInfo.endCursor`)." }) after?: string | null,
    @Arg("status", () => [CaseStatus], { nullable: true, description: "Only cases in one of these statuses." }) status?: (keyof typeof CaseStatus)[] | null,
    @Arg("ground", () => [Ground], {
      nullable: true,
      description: "Only cases shared on at least one of these grounds (e.g. `[SUPPORT_MEETING]`); BREAK_GLASS lists nothing (it is personal).",
    })
    ground?: (keyof typeof Ground)[] | null,
  ) {
    const page = await ctx.sharing.sharedWith(org.code, { statuses: status, grounds: ground }, first, after);
    const edges = page.edges.map((e) => ({
      cursor: e.cursor,
      node: e.node,
      grounds: e.node.access.grounds,
      groundSources: e.node.access.sources.map(({ meetingId, ...source }) => ({ ...source, meeting: meetingId ? { id: meetingId } : null })),
    }));
    return { pageInfo: page.pageInfo, totalCount: page.totalCount, eventCursor: encodeCursor(page.eventSeq), edges, nodes: edges.map((e) => e.node) };
  }
}

@Resolver(() => AssignmentType)
export class AssignmentResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation." })
  organization(@Root() a: Assignment): OrganizationRef {
    return organizationRef(a.organizationCode);
  }

  @Mutation(() => CasePayload, { description: "Assign an organisation to a case (lead or coordinator)." })
  assignOrganization(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("organizationCode", () => String) code: string,
    @Arg("role", () => AssignmentRole) role: keyof typeof AssignmentRole,
    @Ctx() ctx: CasesContext,
  ) {
    return casePayload(ctx, caseId, (tx) => ctx.sharing.assign(tx, caseId, code, role));
  }

  @Mutation(() => CasePayload, { description: "End an organisation's assignment; its ground ends at once (lead or coordinator)." })
  endAssignment(@Arg("caseId", () => ID) caseId: string, @Arg("organizationCode", () => String) code: string, @Ctx() ctx: CasesContext) {
    return casePayload(ctx, caseId, (tx) => ctx.sharing.endAssignment(tx, caseId, code));
  }
}

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
  async referCase(@Arg("caseId", () => ID) caseId: string, @Arg("toCode", () => String) toCode: string, @Arg("note", () => String, { nullable: true }) note: string | null | undefined, @Ctx() ctx: CasesContext) {
    let referralId = "";
    const { userErrors } = await runMutation(ctx.em, async (tx) => (referralId = await ctx.sharing.refer(tx, caseId, toCode, note)));
    ctx.renew();
    return { referralId: userErrors.length ? null : referralId, case: userErrors.length ? null : await ctx.cases.read(caseId, "mutation"), userErrors };
  }

  @Mutation(() => CasePayload, { description: "Accept (and be assigned as support) or decline a referral sent to the caller's organisation." })
  async respondToReferral(
    @Arg("referralId", () => ID) referralId: string,
    @Arg("accept", () => Boolean) accept: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null | undefined,
    @Ctx() ctx: CasesContext,
  ) {
    let caseId = "";
    return casePayload(ctx, () => caseId, async (tx) => (caseId = await ctx.sharing.respond(tx, referralId, accept, reason)));
  }
}

@Resolver(() => ConsentType)
export class ConsentResolver {
  @FieldResolver(() => [OrganizationRef], { description: "Organisations it names." })
  organizations(@Root() c: Consent): OrganizationRef[] {
    return c.organizationCodes.map(organizationRef);
  }

  @Mutation(() => CasePayload, { description: "Record the person's consent to sharing (lead or coordinator)." })
  recordConsent(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("organizationCodes", () => [String]) organizationCodes: string[],
    @Arg("infoKinds", () => [InfoKind]) infoKinds: (keyof typeof InfoKind)[],
    @Arg("coversMultiLayeredMeeting", () => Boolean) covers: boolean,
    @Arg("givenOn", () => LocalDateResolver) givenOn: string,
    @Ctx() ctx: CasesContext,
  ) {
    return casePayload(ctx, caseId, (tx) => ctx.sharing.recordConsent(tx, caseId, organizationCodes, infoKinds, covers, givenOn));
  }

  @Mutation(() => CasePayload, { description: "Withdraw a consent: every ground it gave ends at once, on every path (lead or coordinator)." })
  async withdrawConsent(@Arg("consentId", () => ID) consentId: string, @Ctx() ctx: CasesContext) {
    let caseId = "";
    return casePayload(ctx, () => caseId, async (tx) => (caseId = await ctx.sharing.withdrawConsent(tx, consentId)));
  }
}

@Resolver(() => DisclosureType)
export class DisclosureResolver {
  @FieldResolver(() => [OrganizationRef], { description: "Member organisations it was disclosed to." })
  organizations(@Root() d: Disclosure): OrganizationRef[] {
    return d.organizationCodes.map(organizationRef);
  }

  @Mutation(() => CasePayload, {
    description: "Disclose a case to a meeting's members for its purpose: 支援会議 (no consent needed) or 重層的支援会議 (consent required).",
  })
  discloseToMeeting(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("kind", () => DisclosureKind) kind: keyof typeof DisclosureKind,
    @Arg("meetingId", () => ID) meetingId: string,
    @Arg("organizationCodes", () => [String]) organizationCodes: string[],
    @Arg("purpose", () => String) purpose: string,
    @Ctx() ctx: CasesContext,
  ) {
    return casePayload(ctx, caseId, (tx) => ctx.sharing.disclose(tx, caseId, kind, meetingId, organizationCodes, purpose));
  }

  @Mutation(() => CasePayload, { description: "Revoke a disclosure; the meeting ground ends at once." })
  async revokeDisclosure(@Arg("disclosureId", () => ID) disclosureId: string, @Ctx() ctx: CasesContext) {
    let caseId = "";
    return casePayload(ctx, () => caseId, async (tx) => (caseId = await ctx.sharing.revokeDisclosure(tx, disclosureId)));
  }

  @Mutation(() => CasePayload, {
    description: "Emergency access (緊急閲覧) to one case for the caller alone: a reason is required; it lasts an hour and is flagged for review.",
  })
  breakGlass(@Arg("caseId", () => ID) caseId: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: CasesContext) {
    return casePayload(ctx, caseId, (tx) => ctx.sharing.breakGlass(tx, caseId, reason));
  }
}

@Resolver(() => ConsultationType)
export class ConsultationResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation that received it." })
  receivedBy(@Root() c: Consultation): OrganizationRef {
    return organizationRef(c.receivedByCode);
  }

  @FieldResolver(() => ID, { nullable: true, description: "When a community hub passed the worry on: the hub's id (the hubs subgraph resolves `sourceHub`)." })
  sourceHubId(@Root() c: Consultation): string | null {
    return c.sourceHubId ?? null;
  }
}

@Resolver(() => SupportPlanType)
export class SupportPlanResolver {
  @FieldResolver(() => [PlanRoleType], { description: "Each organisation's role." })
  roles(@Root() p: SupportPlan): PlanRole[] {
    return p.roles;
  }
}

@Resolver(() => PlanRoleType)
export class PlanRoleResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation." })
  organization(@Root() r: PlanRole): OrganizationRef {
    return organizationRef(r.organizationCode);
  }
}

@Resolver(() => ProgressEntryType)
export class ProgressEntryResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation that gave the support." })
  organization(@Root() e: ProgressEntry): OrganizationRef {
    return organizationRef(e.organizationCode);
  }
}
