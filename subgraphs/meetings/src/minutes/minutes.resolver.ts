import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { EntityManager } from "@mikro-orm/postgresql";
import { fileLink, FileLinkPayload, refusedLink, runMutation } from "@marugoto/shared";
import { maySeeMinutes } from "../meeting/meeting.view.js";
import type { MeetingsContext } from "../context.js";
import { MinutesPayload, MinutesType } from "../types.js";
import { applyOnce, IDEMPOTENCY_KEY_DESCRIPTION, type Once } from "../idempotency/idempotency.js";
import type { Minutes } from "./minutes.entity.js";

/** Answers with the minutes as the caller may read them: through the same rule as every read. Applied once per key. */
async function minutesPayload(ctx: MeetingsContext, meetingId: string, fn: (tx: EntityManager) => Promise<Minutes>, once: Once) {
  const { userErrors } = await runMutation(ctx.em, (tx) => applyOnce(tx, ctx.identity, once.key, once.operation, once.args, async () => (await fn(tx), meetingId)));
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
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ) {
    return minutesPayload(ctx, meetingId, (tx) => ctx.minutes.draft(tx, meetingId, content, nextReviewDate), {
      key: idempotencyKey,
      operation: "draftMinutes",
      args: { meetingId, content, nextReviewDate },
    });
  }

  @Mutation(() => MinutesPayload, { description: "Approve the minutes (chair); they are locked from then on." })
  approveMinutes(@Arg("meetingId", () => ID) meetingId: string, @Ctx() ctx: MeetingsContext, @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null) {
    return minutesPayload(ctx, meetingId, (tx) => ctx.minutes.approve(tx, meetingId), { key: idempotencyKey, operation: "approveMinutes", args: { meetingId } });
  }

  @Mutation(() => FileLinkPayload, {
    description: "A download link for the minutes as a PDF (議事録PDF), for the caller alone: the file shows what the caller may read in the graph, no more.",
  })
  async requestMinutesFile(@Arg("meetingId", () => ID, { description: "The meeting whose minutes to download." }) meetingId: string, @Ctx() ctx: MeetingsContext): Promise<FileLinkPayload> {
    const meeting = await ctx.meetings.visible(meetingId);
    if (!meeting) return refusedLink("NOT_FOUND", "会議が見つかりません。", ["meetingId"]);
    if (!maySeeMinutes(meeting, ctx.identity)) {
      return refusedLink("PLEDGE_REQUIRED", "個別ケースを扱う会議の議事録は、守秘義務の誓約をした構成員だけが受け取れます。", ["meetingId"]);
    }
    if (!(await ctx.minutes.forMeeting(meeting))) return refusedLink("NO_MINUTES", "この会議の議事録はまだ作成されていません。", ["meetingId"]);
    return fileLink(ctx.identity, { kind: "minutes", meetingId: meeting.id }, ctx.settings.identitySecret, `議事録_${meeting.id}.pdf`, "application/pdf");
  }
}
