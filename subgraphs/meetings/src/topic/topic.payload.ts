import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { TopicType } from "./topic.type.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { MeetingsContext } from "../context.js";
import type { Once } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";

@ObjectType("TopicPayload", { description: "Result of a mutation on a topic." })
export class TopicPayload {
  @Field(() => TopicType, { nullable: true, description: "The topic after the change; null when refused." })
  topic?: TopicType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Applies a topic mutation (its work answers with the topic's id) and answers with the topic as committed. */
export async function topicPayload(ctx: MeetingsContext, once: Once, apply: (tx: EntityManager) => Promise<string>) {
  const { result: id, userErrors } = await mutateOnce(ctx, once, apply);
  return { topic: id === undefined ? null : await ctx.topics.byId(id), userErrors };
}
