import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { runMutation } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import type { CalendarFeed } from "./calendar-feed.entity.js";
import { CalendarFeedPayload } from "./calendar-feed.payload.js";
import { CalendarFeedType } from "./calendar-feed.type.js";

@Resolver(() => CalendarFeedType)
export class CalendarFeedResolver {
  @Query(() => [CalendarFeedType], { description: "The calendar feeds of the caller's organisation, newest first (stopped ones too)." })
  calendarFeeds(@Ctx() ctx: MeetingsContext): Promise<CalendarFeed[]> {
    return ctx.calendars.feeds();
  }

  @Mutation(() => CalendarFeedPayload, {
    description: "Make a calendar feed of the meetings the caller's organisation may see (iCalendar). Its URL is in the answer, this once.",
  })
  async createCalendarFeed(
    @Arg("label", () => String, { description: "A name for the feed (1–100 characters)." }) label: string,
    @Ctx() ctx: MeetingsContext,
  ): Promise<CalendarFeedPayload> {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.calendars.create(tx, label));
    return { feed: result?.feed ?? null, url: result?.url ?? null, userErrors };
  }

  @Mutation(() => CalendarFeedPayload, {
    description: "Stop a calendar feed of the caller's organisation: its URL answers nothing from then on.",
  })
  async revokeCalendarFeed(
    @Arg("id", () => ID, { description: "The feed." }) id: string,
    @Ctx() ctx: MeetingsContext,
  ): Promise<CalendarFeedPayload> {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.calendars.revoke(tx, id));
    return { feed: result ?? null, url: null, userErrors };
  }

  @Query(() => String, {
    nullable: true,
    description:
      "A calendar feed as iCalendar text, for the gateway's `/calendars/<token>.ics`; null for an unknown or stopped token. The token is the permission: what it shows is what the feed's organisation may see.",
  })
  calendarFeedContent(
    @Arg("token", () => String, { description: "The token of the feed's URL." }) token: string,
    @Ctx() ctx: MeetingsContext,
  ): Promise<string | null> {
    return ctx.calendars.ics(token);
  }
}
