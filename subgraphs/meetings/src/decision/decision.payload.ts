import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { DecisionType } from "./decision.type.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { MeetingsContext } from "../context.js";
import type { Once } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";

@ObjectType("DecisionPayload", { description: "Result of recording a decision." })
export class DecisionPayload {
  @Field(() => DecisionType, { nullable: true, description: "The decision; null when refused." })
  decision?: DecisionType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Records a decision once per key and answers with it only as its agenda item may be seen. */
export async function decisionPayload(ctx: MeetingsContext, once: Once, apply: (tx: EntityManager) => Promise<string>) {
  const { result: decisionId, userErrors } = await mutateOnce(ctx, once, apply);
  return { decision: decisionId === undefined ? null : await ctx.agenda.visibleDecision(decisionId), userErrors };
}
