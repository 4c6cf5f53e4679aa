import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { MeetingBody } from "../body/body.entity.js";
import { MeetingBodyType } from "../body/body.type.js";
import type { MeetingsContext } from "../context.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import { RaiseTopicInput } from "./raise-topic.input.js";
import type { Topic } from "./topic.entity.js";
import { topicPayload, TopicPayload } from "./topic.payload.js";
import { TopicStatus } from "./topic-status.enum.js";
import { TopicType } from "./topic.type.js";

@Resolver(() => TopicType)
export class TopicResolver {
  @Query(() => [TopicType], { description: "De-identified topics (検討課題), newest first; optionally for one target body." })
  topics(
    @Ctx() ctx: MeetingsContext,
    @Arg("targetBodyCode", () => String, { nullable: true, description: "Only topics raised to the body with this code." })
    targetBodyCode?: string | null,
  ): Promise<Topic[]> {
    return ctx.topics.list(targetBodyCode);
  }

  @FieldResolver(() => MeetingBodyType, { description: "The policy body it was raised to." })
  async targetBody(@Root() topic: Topic, @Ctx() ctx: MeetingsContext): Promise<MeetingBody> {
    return (await ctx.bodies.byId.load(topic.targetBody.id))!;
  }

  @Mutation(() => TopicPayload, {
    description: "Raise a de-identified topic from a case meeting to 福祉まるごと会議 or a working group (chair or secretary).",
  })
  raiseTopic(
    @Arg("input", () => RaiseTopicInput, { description: "The topic, without anything that identifies a person." }) input: RaiseTopicInput,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return topicPayload(
      ctx,
      { key: idempotencyKey, operation: "raiseTopic", args: { input } },
      async (tx) => (await ctx.topics.raise(tx, input)).id,
    );
  }

  @Mutation(() => TopicPayload, {
    description:
      "Move a topic along (the target body's chair or secretariat): RAISED → UNDER_DISCUSSION or DECLINED, UNDER_DISCUSSION → ADOPTED or DECLINED, DECLINED → UNDER_DISCUSSION; ADOPTED is final. Other moves come back as TOPIC_STATUS_TRANSITION_INVALID; the status it already has changes nothing.",
  })
  updateTopicStatus(
    @Arg("id", () => ID, { description: "The topic." }) id: string,
    @Arg("status", () => TopicStatus, { description: "Its new status." }) status: keyof typeof TopicStatus,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return topicPayload(
      ctx,
      { key: idempotencyKey, operation: "updateTopicStatus", args: { id, status } },
      async (tx) => (await ctx.topics.updateStatus(tx, id, status)).id,
    );
  }
}
