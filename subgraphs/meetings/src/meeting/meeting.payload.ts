import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { MeetingType } from "./meeting.type.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { MeetingsContext } from "../context.js";
import type { Once } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";

@ObjectType("MeetingPayload", { description: "Result of a mutation on a meeting." })
export class MeetingPayload {
  @Field(() => MeetingType, { nullable: true, description: "The meeting after the change; null when refused." })
  meeting?: MeetingType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Applies a meeting mutation (its work answers with the meeting's id) and answers with the meeting as the caller may now see it. */
export async function meetingPayload(ctx: MeetingsContext, once: Once, apply: (tx: EntityManager) => Promise<string>) {
  const { result: meetingId, userErrors } = await mutateOnce(ctx, once, apply);
  return { meeting: meetingId === undefined ? null : await ctx.meetings.visible(meetingId), userErrors };
}
