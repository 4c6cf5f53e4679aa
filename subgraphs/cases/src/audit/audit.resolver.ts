import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { BreakGlass } from "../access/access.entity.js";
import { BreakGlassOutcome, BreakGlassType } from "../access/break-glass.type.js";
import { IDEMPOTENCY_KEY_ARG, RuleViolation } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import { mutateOnce } from "../idempotency/mutate-once.js";
import { AuditEntryConnection } from "./audit-entry-connection.type.js";

const breakGlassView = (b: BreakGlass) => ({ ...b, caseId: b.case.id });

@Resolver()
export class AuditResolver {
  // Root fields that refuse (FORBIDDEN) are nullable: with two non-null ones in a document graphql-js
  // reports only the first refusal (the second's error is lost when the first nulls `data`), and the
  // gateway, finding a null non-null field with no error, answers INTERNAL_SERVER_ERROR. Nullable,
  // each refusal comes back with its own path and code.
  @Query(() => AuditEntryConnection, {
    nullable: true,
    description: "The audit log of case reads, newest first (role `auditor`; null with FORBIDDEN otherwise).",
  })
  auditLog(
    @Ctx() ctx: CasesContext,
    @Arg("caseId", () => ID, { nullable: true, description: "Only reads of this case." }) caseId?: string | null,
    @Arg("organizationCode", () => String, { nullable: true, description: "Only reads by this organisation, by code." })
    organizationCode?: string | null,
    @Arg("flaggedOnly", () => Boolean, { nullable: true, description: "Only break-glass reads waiting for review." })
    flaggedOnly?: boolean | null,
    @Arg("from", () => Date, { nullable: true, description: "Only reads at or after this time." }) from?: Date | null,
    @Arg("to", () => Date, { nullable: true, description: "Only reads before this time." }) to?: Date | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 200)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge (`pageInfo.endCursor`)." })
    after?: string | null,
  ) {
    return ctx.audit.entries({ caseId, organizationCode, flaggedOnly, from, to }, first, after);
  }

  @Query(() => [BreakGlassType], {
    nullable: true,
    description: "Emergency accesses waiting for review (role `auditor`; null with FORBIDDEN otherwise).",
  })
  async breakGlassReviews(@Ctx() ctx: CasesContext) {
    return (await ctx.audit.pendingBreakGlass()).map(breakGlassView);
  }

  @Mutation(() => BreakGlassType, {
    nullable: true,
    description: "Review an emergency access (role `auditor`): APPROPRIATE (default) lets it run out; END_ACCESS ends it at once.",
  })
  async reviewBreakGlass(
    @Arg("id", () => ID, { description: "The emergency access to review." }) id: string,
    @Ctx() ctx: CasesContext,
    @Arg("outcome", () => BreakGlassOutcome, { nullable: true, description: "Default APPROPRIATE." })
    outcome?: keyof typeof BreakGlassOutcome | null,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    const chosen = outcome ?? "APPROPRIATE";
    const once = { key: idempotencyKey, operation: "reviewBreakGlass", args: { id, outcome: chosen } };
    // An unknown id answers null, as before; thrown as a refusal so that no key is stored for it.
    const { result: reviewedId } = await mutateOnce(ctx, once, async (tx) => {
      const row = await ctx.audit.reviewIn(tx, id, chosen);
      if (!row) throw new RuleViolation("NOT_FOUND", "緊急閲覧が見つかりません。", ["id"]);
      return row.id;
    });
    const row = reviewedId === undefined ? null : await ctx.audit.breakGlass(reviewedId);
    return row && breakGlassView(row);
  }
}
