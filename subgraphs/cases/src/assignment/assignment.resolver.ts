import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import { CasePayload, casePayload } from "../case/case.payload.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Assignment } from "./assignment.entity.js";
import { AssignmentRole, AssignmentType } from "./assignment.type.js";

@Resolver(() => AssignmentType)
export class AssignmentResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation." })
  organization(@Root() a: Assignment): OrganizationRef {
    return organizationRef(a.organizationCode);
  }

  @Mutation(() => CasePayload, { description: "Assign an organisation to a case (lead or coordinator)." })
  assignOrganization(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("organizationCode", () => String, { description: "The organisation to assign, by code." }) code: string,
    @Arg("role", () => AssignmentRole, { description: "Its role on the case." }) role: keyof typeof AssignmentRole,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "assignOrganization", args: { caseId, code, role } }, caseId, (tx) =>
      ctx.sharing.assign(tx, caseId, code, role),
    );
  }

  @Mutation(() => CasePayload, { description: "End an organisation's assignment; its ground ends at once (lead or coordinator)." })
  endAssignment(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("organizationCode", () => String, { description: "The organisation whose assignment ends, by code." }) code: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "endAssignment", args: { caseId, code } }, caseId, (tx) =>
      ctx.sharing.endAssignment(tx, caseId, code),
    );
  }
}
