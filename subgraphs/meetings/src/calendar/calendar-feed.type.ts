import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("CalendarFeed", {
  description: "A calendar feed (カレンダー配信) of the caller's organisation: an iCalendar URL for calendar clients.",
})
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
