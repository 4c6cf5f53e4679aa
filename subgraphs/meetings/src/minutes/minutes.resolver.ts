import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { runMutation } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { MinutesPayload, MinutesType } from "../types.js";
import type { Minutes } from "./minutes.entity.js";

/** Answers with the minutes as the caller may read them: through the same rule as every read. */
async function minutesPayload(ctx: MeetingsContext, meetingId: string, fn: Parameters<typeof runMutation<Minutes>>[1]) {
  const { userErrors } = await runMutation(ctx.em, fn);
  if (userErrors.length) return { minutes: null, userErrors };
  ctx.renew();
  const meeting = await ctx.meetings.visible(meetingId);
  return { minutes: meeting && (await ctx.minutes.forMeeting(meeting)), userErrors };
}

@Resolver(() => MinutesType)
export class MinutesResolver {
  @Mutation(() => MinutesPayload, { description: "Draft or redraft the minutes (chair or secretary); refused once approved." })
  draftMinutes(
    @Arg("meetingId", () => ID) meetingId: string,
    @Arg("content", () => String) content: string,
    @Arg("nextReviewDate", () => LocalDateResolver, { nullable: true, description: "Case meetings only: next review date." }) nextReviewDate: string | null | undefined,
    @Ctx() ctx: MeetingsContext,
  ) {
    return minutesPayload(ctx, meetingId, (tx) => ctx.minutes.draft(tx, meetingId, content, nextReviewDate));
  }

  @Mutation(() => MinutesPayload, { description: "Approve the minutes (chair); they are locked from then on." })
  approveMinutes(@Arg("meetingId", () => ID) meetingId: string, @Ctx() ctx: MeetingsContext) {
    return minutesPayload(ctx, meetingId, (tx) => ctx.minutes.approve(tx, meetingId));
  }
}
