import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { FileLinkPayload, IDEMPOTENCY_KEY_ARG_NO_CHANGE } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import type { Minutes } from "./minutes.entity.js";
import { minutesPayload, MinutesPayload } from "./minutes.payload.js";
import { MinutesType } from "./minutes.type.js";

const MEETING = { description: "The meeting whose minutes these are." };
const EXPECTED_REVISION = {
  nullable: true,
  description:
    "The `revision` of the minutes the caller read (0 when there was no draft); the board sends it. Anything else now: nothing is changed, MINUTES_CHANGED. Omitted: no check.",
};

@Resolver(() => MinutesType)
export class MinutesResolver {
  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description:
      "The organisation that approved them (the chair's, as it was at approval): kept when the chair later changes. Null while a draft, or if its code is not in the directory.",
  })
  approvedBy(@Root() minutes: Minutes): OrganizationRef | null {
    return minutes.status === "APPROVED" ? knownOrganizationRef(minutes.approvedByOrganizationCode) : null;
  }

  @Mutation(() => MinutesPayload, { description: "Draft or redraft the minutes (chair or secretary); refused once approved." })
  draftMinutes(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Arg("content", () => String, { description: "The whole text of the minutes; replaces the previous draft." }) content: string,
    @Arg("nextReviewDate", () => LocalDateResolver, { nullable: true, description: "Case meetings only: next review date." })
    nextReviewDate: string | null | undefined,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
    @Arg("expectedRevision", () => Int, EXPECTED_REVISION) expectedRevision?: number | null,
  ) {
    return minutesPayload(
      ctx,
      { key: idempotencyKey, operation: "draftMinutes", args: { meetingId, content, nextReviewDate, expectedRevision } },
      async (tx) => (await ctx.minutes.draft(tx, meetingId, content, nextReviewDate, expectedRevision), meetingId),
    );
  }

  @Mutation(() => MinutesPayload, { description: "Approve the minutes (chair) once the meeting is closed; they are locked from then on." })
  approveMinutes(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
    @Arg("expectedRevision", () => Int, EXPECTED_REVISION) expectedRevision?: number | null,
  ) {
    return minutesPayload(
      ctx,
      { key: idempotencyKey, operation: "approveMinutes", args: { meetingId, expectedRevision } },
      async (tx) => (await ctx.minutes.approve(tx, meetingId, expectedRevision), meetingId),
    );
  }

  @Mutation(() => FileLinkPayload, {
    description:
      "A download link for the minutes as a PDF (議事録PDF), for the caller alone: the file shows what the caller may read in the graph, no more.",
  })
  requestMinutesFile(
    @Arg("meetingId", () => ID, { description: "The meeting whose minutes to download." }) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG_NO_CHANGE) _idempotencyKey?: string | null,
  ): Promise<FileLinkPayload> {
    return ctx.minutes.fileLink(meetingId, ctx.settings.identitySecret);
  }
}
