import type { EntityManager } from "@mikro-orm/postgresql";
import { Field, ObjectType } from "type-graphql";
import { UserError, type Once } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import { mutateOnce } from "../idempotency/mutate-once.js";
import type { CaseView } from "./case.service.js";
import { CaseType } from "./case.type.js";

@ObjectType("CasePayload", { description: "Result of a mutation on a case." })
export class CasePayload {
  @Field(() => CaseType, { nullable: true, description: "The case after the change; null when refused." })
  case?: CaseType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** What a case mutation answers: the case as the caller may see it after the change. */
export interface CasePayloadView {
  case: CaseView | null;
  userErrors: UserError[];
}

/**
 * Runs a change whose result is the id of the case it changed (e.g. a consent withdrawn by its own
 * id), at most once per idempotency key; answers with that case as the caller may now see it (a read,
 * audited). A retry reads the case again the same way: what the caller may see now, never a copy.
 */
export async function changedCasePayload(
  ctx: CasesContext,
  once: Once,
  change: (tx: EntityManager) => Promise<string>,
): Promise<CasePayloadView> {
  const { result: caseId, userErrors } = await mutateOnce(ctx, once, change);
  return { case: caseId === undefined ? null : await ctx.cases.read(caseId, "mutation"), userErrors };
}

/** Runs a change to the case `caseId`, at most once per key; answers with the case as the caller may now see it (a read, audited). */
export function casePayload(
  ctx: CasesContext,
  once: Once,
  caseId: string,
  change: (tx: EntityManager) => Promise<unknown>,
): Promise<CasePayloadView> {
  return changedCasePayload(ctx, once, async (tx) => {
    await change(tx);
    return caseId;
  });
}
