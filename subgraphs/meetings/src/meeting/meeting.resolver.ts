import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { encodeCursor, logger, type Page } from "@marugoto/shared";
import type { MeetingBody } from "../body/body.entity.js";
import { MeetingBodyType } from "../body/body.type.js";
import type { MeetingsContext } from "../context.js";
import { AgendaItemType } from "../agenda/agenda-item.type.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import type { Minutes } from "../minutes/minutes.entity.js";
import { MinutesType } from "../minutes/minutes.type.js";
import { Attendance } from "./attendance.enum.js";
import { MeetingConnection } from "./meeting-connection.type.js";
import { MeetingMemberType } from "./meeting-member.type.js";
import { meetingPayload, MeetingPayload } from "./meeting.payload.js";
import { MeetingType } from "./meeting.type.js";
import { canEdit, type ItemView, type MeetingView, type MemberView } from "./meeting.view.js";
import { RescheduleMeetingInput } from "./reschedule-meeting.input.js";
import { ScheduleMeetingInput } from "./schedule-meeting.input.js";

const MEETING = { description: "The meeting." };
const ORGANIZATION_CODE = { description: "The member organisation's code, e.g. `nozei`." };

const EXPECTED_CURRENT_ITEM = {
  nullable: true,
  description:
    "The item the caller saw as current (the board sends it); an empty string when none was. When another editor moved the agenda on meanwhile, nothing is changed and the answer is CURRENT_ITEM_CHANGED. Omitted: no check.",
};

@Resolver(() => MeetingType)
export class MeetingResolver {
  @Query(() => MeetingType, { nullable: true, description: "One meeting, if it exists and the caller may see it." })
  meeting(@Arg("id", () => ID, { description: "The meeting's id." }) id: string, @Ctx() ctx: MeetingsContext): Promise<MeetingView | null> {
    return ctx.meetings.visible(id);
  }

  @Query(() => MeetingConnection, { description: "Meetings the caller may see, by start time (会議一覧)." })
  meetings(
    @Ctx() ctx: MeetingsContext,
    @Arg("from", () => Date, { nullable: true, description: "Starting at or after." }) from?: Date | null,
    @Arg("to", () => Date, { nullable: true, description: "Starting before." }) to?: Date | null,
    @Arg("bodyCode", () => String, { nullable: true, description: "Only this body's meetings." }) bodyCode?: string | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 200)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge." }) after?: string | null,
  ): Promise<Page<MeetingView>> {
    return ctx.meetings.list({ from, to, bodyCode }, first, after);
  }

  @FieldResolver(() => MeetingBodyType, { description: "The body this is a sitting of." })
  async body(@Root() meeting: MeetingView, @Ctx() ctx: MeetingsContext): Promise<MeetingBody> {
    return (await ctx.bodies.byId.load(meeting.bodyId))!;
  }

  @FieldResolver(() => [MeetingMemberType], { description: "Member organisations of this meeting." })
  members(@Root() meeting: MeetingView): MemberView[] {
    return meeting.members;
  }

  @FieldResolver(() => [AgendaItemType], {
    description: "The agenda, in order (case items withheld until the caller's organisation pledges).",
  })
  agenda(@Root() meeting: MeetingView, @Ctx() ctx: MeetingsContext): Promise<ItemView[]> {
    return ctx.agenda.agendaOf(meeting);
  }

  @FieldResolver(() => AgendaItemType, { nullable: true, description: "The item under discussion now (現在の議題)." })
  currentItem(@Root() meeting: MeetingView, @Ctx() ctx: MeetingsContext): Promise<ItemView | null> {
    return ctx.agenda.currentItemOf(meeting);
  }

  @FieldResolver(() => MinutesType, {
    nullable: true,
    description:
      "The minutes, once drafted. Of a case meeting (支援会議, 重層的支援会議): only for members whose organisation pledged confidentiality.",
  })
  minutes(@Root() meeting: MeetingView, @Ctx() ctx: MeetingsContext): Promise<Minutes | null> {
    return ctx.minutes.forMeeting(meeting);
  }

  @FieldResolver(() => String, {
    description: "The current event cursor: subscribe to `agendaChanged(after:)` with it to miss nothing that follows this read.",
  })
  async eventCursor(@Root() meeting: MeetingView, @Ctx() ctx: MeetingsContext): Promise<string> {
    // Never the latest sequence number read now: it can be ahead of the agenda read beside it.
    return encodeCursor(meeting.readAt ?? (await ctx.events.latest()));
  }

  @FieldResolver(() => Boolean, { description: "Whether the caller may edit the agenda (chair or named secretary)." })
  canEdit(@Root() meeting: MeetingView, @Ctx() ctx: MeetingsContext): boolean {
    return canEdit(meeting, ctx.identity);
  }

  @Mutation(() => MeetingPayload, { description: "Schedule a sitting of a body (chair or secretariat of the body)." })
  scheduleMeeting(
    @Arg("input", () => ScheduleMeetingInput, { description: "The new sitting." }) input: ScheduleMeetingInput,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(ctx, { key: idempotencyKey, operation: "scheduleMeeting", args: { input } }, (tx) =>
      ctx.meetings.schedule(tx, input),
    );
  }

  @Mutation(() => MeetingPayload, { description: "Move a meeting (chair)." })
  rescheduleMeeting(
    @Arg("input", () => RescheduleMeetingInput, { description: "The meeting and its new time and place." }) input: RescheduleMeetingInput,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "rescheduleMeeting", args: { input } },
      async (tx) => (await ctx.meetings.reschedule(tx, input.meetingId, input.startsAt, input.endsAt, input.place), input.meetingId),
    );
  }

  @Mutation(() => MeetingPayload, { description: "Invite an organisation to a meeting (chair)." })
  addMeetingMember(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Arg("organizationCode", () => String, { description: "The invited organisation's code, e.g. `nozei`." }) code: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "addMeetingMember", args: { meetingId, organizationCode: code } },
      async (tx) => (await ctx.meetings.addMember(tx, meetingId, code), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, {
    description:
      "Remove an organisation from a meeting (chair). Its confidentiality pledge stays on record (the duty remains). From a case meeting, what the meeting was disclosed of cases is first withdrawn from it (CASES_UNAVAILABLE, and it stays a member, when that cannot be done). Of a 非公開 meeting, its open tasks are called off (CANCELLED) with it.",
  })
  async removeMeetingMember(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Arg("organizationCode", () => String, ORGANIZATION_CODE) code: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    // The cases subgraph is told before the transaction opens (a call to another subgraph holds no connection).
    const refused = await ctx.meetings.beforeRemoval(meetingId, code, idempotencyKey);
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "removeMeetingMember", args: { meetingId, organizationCode: code } },
      async (tx) => {
        if (refused) throw refused;
        await ctx.meetings.removeMember(tx, meetingId, code);
        return meetingId;
      },
    );
  }

  @Mutation(() => MeetingPayload, { description: "Name a member organisation secretary (書記), who may then edit the agenda (chair)." })
  nameSecretary(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Arg("organizationCode", () => String, ORGANIZATION_CODE) code: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "nameSecretary", args: { meetingId, organizationCode: code } },
      async (tx) => (await ctx.meetings.nameSecretary(tx, meetingId, code), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, { description: "Record a member's attendance (chair or secretary)." })
  recordAttendance(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Arg("organizationCode", () => String, ORGANIZATION_CODE) code: string,
    @Arg("attendance", () => Attendance, { description: "Its attendance (出欠)." }) attendance: keyof typeof Attendance,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "recordAttendance", args: { meetingId, organizationCode: code, attendance } },
      async (tx) => (await ctx.meetings.recordAttendance(tx, meetingId, code, attendance), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, {
    description: "The caller's organisation pledges confidentiality for a case meeting (守秘義務の誓約); case items then show.",
  })
  pledgeConfidentiality(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "pledgeConfidentiality", args: { meetingId } },
      async (tx) => (await ctx.meetings.pledge(tx, meetingId), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, { description: "Open (or reopen after adjourning) a meeting; the first pending item becomes current." })
  startMeeting(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "startMeeting", args: { meetingId } },
      async (tx) => (await ctx.agenda.start(tx, meetingId), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, { description: "次の議題へ: the current item is done, the next pending one becomes current." })
  advanceAgenda(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
    @Arg("expectedCurrentItemId", () => ID, EXPECTED_CURRENT_ITEM) expectedCurrentItemId?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "advanceAgenda", args: { meetingId, expectedCurrentItemId } },
      async (tx) => (await ctx.agenda.advance(tx, meetingId, expectedCurrentItemId), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, {
    description:
      "前の議題に戻る (undo of 次の議題へ): the current item is pending again and the last item done before it is current again.",
  })
  returnToPreviousItem(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
    @Arg("expectedCurrentItemId", () => ID, EXPECTED_CURRENT_ITEM) expectedCurrentItemId?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "returnToPreviousItem", args: { meetingId, expectedCurrentItemId } },
      async (tx) => (await ctx.agenda.stepBack(tx, meetingId, expectedCurrentItemId), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, { description: "休会: pause an open meeting." })
  adjournMeeting(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "adjournMeeting", args: { meetingId } },
      async (tx) => (await ctx.agenda.adjourn(tx, meetingId), meetingId),
    );
  }

  @Mutation(() => MeetingPayload, {
    description:
      "中止: call off a meeting before it opens (chair); members' calendars show it cancelled. Of a case meeting, everything it was disclosed of cases is first withdrawn from its members (CASES_UNAVAILABLE, and it is not called off, when that cannot be done).",
  })
  async cancelMeeting(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    // The cases subgraph is told before the transaction opens (a call to another subgraph holds no connection), and again after.
    const { refused, withdrew } = await ctx.meetings.beforeCancellation(meetingId, idempotencyKey);
    const payload = await meetingPayload(ctx, { key: idempotencyKey, operation: "cancelMeeting", args: { meetingId } }, async (tx) => {
      if (refused) throw refused;
      await ctx.meetings.cancel(tx, meetingId);
      return meetingId;
    });
    if (!payload.userErrors.length) await ctx.meetings.afterCancellation(meetingId);
    // Opened (or failed) after its disclosures went: it goes ahead without them until they are made again.
    else if (withdrew)
      logger.warn("meeting not called off after its disclosures were withdrawn", {
        meetingId,
        codes: payload.userErrors.map((e) => e.code),
      });
    return payload;
  }

  @Mutation(() => MeetingPayload, { description: "閉会: close a meeting; its agenda no longer changes." })
  closeMeeting(
    @Arg("meetingId", () => ID, MEETING) meetingId: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return meetingPayload(
      ctx,
      { key: idempotencyKey, operation: "closeMeeting", args: { meetingId } },
      async (tx) => (await ctx.agenda.close(tx, meetingId), meetingId),
    );
  }
}
