import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import type { CalendarFeed } from "./calendar-feed.entity.js";
import { CalendarFeedType } from "./calendar-feed.type.js";

@ObjectType("CalendarFeedPayload", { description: "A calendar feed after a change, or why it was refused." })
export class CalendarFeedPayload {
  @Field(() => CalendarFeedType, { nullable: true, description: "The feed; null when refused." })
  feed!: CalendarFeed | null;

  @Field(() => String, {
    nullable: true,
    description:
      "On creation only: the feed's path on the gateway (`/calendars/<token>.ics`). The token is shown this once and stored only as a hash: keep the URL like a password. A retry with the same idempotency key answers null here.",
  })
  url!: string | null;

  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
