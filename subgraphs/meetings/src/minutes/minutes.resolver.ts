import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { runMutation } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { MinutesPayload, MinutesType } from "../types.js";
import type { Minutes } from "./minutes.entity.js";

async function minutesPayload(ctx: MeetingsContext, fn: Parameters<typeof runMutation<Minutes>>[1]) {
  const { result, userErrors } = await runMutation(ctx.em, fn);
  return { minutes: userErrors.length ? null : result, userErrors };
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
    return minutesPayload(ctx, (tx) => ctx.minutes.draft(tx, meetingId, content, nextReviewDate));
  }

  @Mutation(() => MinutesPayload, { description: "Approve the minutes (chair); they are locked from then on." })
  approveMinutes(@Arg("meetingId", () => ID) meetingId: string, @Ctx() ctx: MeetingsContext) {
    return minutesPayload(ctx, (tx) => ctx.minutes.approve(tx, meetingId));
  }
}
