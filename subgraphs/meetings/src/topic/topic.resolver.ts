import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { EntityManager } from "@mikro-orm/postgresql";
import { runMutation } from "@marugoto/shared";
import type { MeetingBody } from "../body/body.entity.js";
import { MeetingBodyType } from "../body/body.type.js";
import type { MeetingsContext } from "../context.js";
import { TopicStatus } from "../enums.js";
import { RaiseTopicInput } from "../inputs.js";
import { TopicPayload, TopicType } from "../types.js";
import { applyOnce, IDEMPOTENCY_KEY_DESCRIPTION, type Once } from "../idempotency/idempotency.js";
import type { Topic } from "./topic.entity.js";

/** Applied once per key; answers with the topic as committed. */
async function topicPayload(ctx: MeetingsContext, fn: (tx: EntityManager) => Promise<Topic>, once: Once) {
  const { result: id, userErrors } = await runMutation(ctx.em, (tx) => applyOnce(tx, ctx.identity, once.key, once.operation, once.args, async () => (await fn(tx)).id));
  return { topic: userErrors.length || !id ? null : await ctx.topics.byId(id), userErrors };
}

@Resolver(() => TopicType)
export class TopicResolver {
  @Query(() => [TopicType], { description: "De-identified topics (検討課題), newest first; optionally for one target body." })
  topics(@Ctx() ctx: MeetingsContext, @Arg("targetBodyCode", () => String, { nullable: true }) targetBodyCode?: string | null): Promise<Topic[]> {
    return ctx.topics.list(targetBodyCode);
  }

  @FieldResolver(() => MeetingBodyType, { description: "The policy body it was raised to." })
  async targetBody(@Root() topic: Topic, @Ctx() ctx: MeetingsContext): Promise<MeetingBody> {
    return (await ctx.bodies.byId.load(topic.targetBody.id))!;
  }

  @Mutation(() => TopicPayload, { description: "Raise a de-identified topic from a case meeting to 福祉まるごと会議 or a working group (chair or secretary)." })
  raiseTopic(@Arg("input", () => RaiseTopicInput) input: RaiseTopicInput, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return topicPayload(ctx, (tx) => ctx.topics.raise(tx, input), { key: idempotencyKey, operation: "raiseTopic", args: { input } });
  }

  @Mutation(() => TopicPayload, { description: "Move a topic along (the target body's chair or secretariat)." })
  updateTopicStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => TopicStatus) status: keyof typeof TopicStatus,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ) {
    return topicPayload(ctx, (tx) => ctx.topics.updateStatus(tx, id, status), { key: idempotencyKey, operation: "updateTopicStatus", args: { id, status } });
  }
}
