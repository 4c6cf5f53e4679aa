import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { runMutation, UserError } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import type { CalendarFeed } from "./calendar-feed.entity.js";
import { CALENDARS_PATH } from "./calendar.service.js";

@ObjectType("CalendarFeed", { description: "A calendar feed (カレンダー配信) of the caller's organisation: an iCalendar URL for calendar clients." })
export class CalendarFeedType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Its name (名前), e.g. 課の共有カレンダー." })
  label!: string;

  @Field(() => Date, { description: "When it was made." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it was stopped (停止); a stopped feed's URL answers nothing." })
  revokedAt!: Date | null;
}

@ObjectType("CalendarFeedPayload", { description: "A calendar feed after a change, or why it was refused." })
export class CalendarFeedPayload {
  @Field(() => CalendarFeedType, { nullable: true, description: "The feed; null when refused." })
  feed!: CalendarFeed | null;

  @Field(() => String, {
    nullable: true,
    description: "On creation only: the feed's path on the gateway (`/calendars/<token>.ics`). The token is shown this once and stored only as a hash: keep the URL like a password.",
  })
  url!: string | null;

  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@Resolver(() => CalendarFeedType)
export class CalendarResolver {
  @Query(() => [CalendarFeedType], { description: "The calendar feeds of the caller's organisation, newest first (stopped ones too)." })
  calendarFeeds(@Ctx() ctx: MeetingsContext): Promise<CalendarFeed[]> {
    return ctx.calendars.feeds();
  }

  @Mutation(() => CalendarFeedPayload, {
    description: "Make a calendar feed of the meetings the caller's organisation may see (iCalendar). Its URL is in the answer, this once.",
  })
  async createCalendarFeed(@Arg("label", () => String, { description: "A name for the feed (1–100 characters)." }) label: string, @Ctx() ctx: MeetingsContext): Promise<CalendarFeedPayload> {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.calendars.create(tx, label));
    if (!result) return { feed: null, url: null, userErrors };
    return { feed: result.feed, url: `${CALENDARS_PATH}${result.token}.ics`, userErrors };
  }

  @Mutation(() => CalendarFeedPayload, { description: "Stop a calendar feed of the caller's organisation: its URL answers nothing from then on." })
  async revokeCalendarFeed(@Arg("id", () => ID, { description: "The feed." }) id: string, @Ctx() ctx: MeetingsContext): Promise<CalendarFeedPayload> {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.calendars.revoke(tx, id));
    return { feed: result ?? null, url: null, userErrors };
  }

  @Query(() => String, {
    nullable: true,
    description: "A calendar feed as iCalendar text, for the gateway's `/calendars/<token>.ics`; null for an unknown or stopped token. The token is the permission: what it shows is what the feed's organisation may see.",
  })
  calendarFeedContent(@Arg("token", () => String, { description: "The token of the feed's URL." }) token: string, @Ctx() ctx: MeetingsContext): Promise<string | null> {
    return ctx.calendars.ics(token);
  }
}
