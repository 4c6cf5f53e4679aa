import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { MeetingsContext } from "../context.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import { decisionPayload, DecisionPayload } from "./decision.payload.js";
import { DecisionType } from "./decision.type.js";

@Resolver(() => DecisionType)
export class DecisionResolver {
  @Mutation(() => DecisionPayload, {
    description: "Record a decision against an item (chair or secretary), once the meeting has opened (in session or in recess).",
  })
  recordDecision(
    @Arg("itemId", () => ID, { description: "The agenda item decided on." }) itemId: string,
    @Arg("content", () => String, { description: "What was decided (決定事項)." }) content: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return decisionPayload(ctx, { key: idempotencyKey, operation: "recordDecision", args: { itemId, content } }, (tx) =>
      ctx.agenda.recordDecision(tx, itemId, content),
    );
  }
}
