import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { MinutesType } from "./minutes.type.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { MeetingsContext } from "../context.js";
import type { Once } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";

@ObjectType("MinutesPayload", { description: "Result of a mutation on minutes." })
export class MinutesPayload {
  @Field(() => MinutesType, { nullable: true, description: "The minutes after the change; null when refused." })
  minutes?: MinutesType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Applies a minutes mutation (its work answers with the meeting's id) and answers with the minutes as the caller may read them. */
export async function minutesPayload(ctx: MeetingsContext, once: Once, apply: (tx: EntityManager) => Promise<string>) {
  const { result: meetingId, userErrors } = await mutateOnce(ctx, once, apply);
  return { minutes: meetingId === undefined ? null : await ctx.minutes.forMeetingId(meetingId), userErrors };
}
