import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { markNotKept } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { IDEMPOTENCY_KEY_ARG } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";
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
    description:
      "Make a calendar feed of the meetings the caller's organisation may see (iCalendar). Its URL is in the answer, this once: a retry with the same idempotency key answers with the feed but no URL (its token is never stored); revoke it and make another.",
  })
  async createCalendarFeed(
    @Arg("label", () => String, { description: "A name for the feed (1–100 characters)." }) label: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CalendarFeedPayload> {
    let url: string | null = null;
    const { result: id, userErrors } = await mutateOnce(
      ctx,
      { key: idempotencyKey, operation: "createCalendarFeed", args: { label } },
      async (tx) => {
        const made = await ctx.calendars.create(tx, label);
        url = made.url;
        return made.feed.id;
      },
    );
    return { feed: id === undefined ? null : await ctx.calendars.find(id), url, userErrors };
  }

  @Mutation(() => CalendarFeedPayload, {
    description: "Stop a calendar feed of the caller's organisation: its URL answers nothing from then on.",
  })
  async revokeCalendarFeed(
    @Arg("id", () => ID, { description: "The feed." }) id: string,
    @Ctx() ctx: MeetingsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CalendarFeedPayload> {
    const { result: feedId, userErrors } = await mutateOnce(
      ctx,
      { key: idempotencyKey, operation: "revokeCalendarFeed", args: { id } },
      async (tx) => (await ctx.calendars.revoke(tx, id)).id,
    );
    return { feed: feedId === undefined ? null : await ctx.calendars.find(feedId), url: null, userErrors };
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
    // Its stamp and its window move with the clock: kept, it would go stale within the day.
    markNotKept();
    return ctx.calendars.ics(token);
  }
}
