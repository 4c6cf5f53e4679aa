import { Directive, Field, ID, ObjectType } from "type-graphql";
import { MeetingStatus } from "./meeting-status.enum.js";

@ObjectType("Meeting", { description: "One sitting of a meeting body (会議). A confidential (非公開) one exists only for its members." })
@Directive('@key(fields: "id")')
export class MeetingType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Title (会議名)." })
  title!: string;

  @Field(() => Date, { description: "Start (開始日時)." })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: "End (終了予定)." })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Place (場所)." })
  place?: string | null;

  @Field(() => Boolean, { description: "非公開: visible to member organisations only. Always true for case-handling bodies." })
  confidential!: boolean;

  @Field(() => MeetingStatus, { description: "Where the meeting stands." })
  status!: keyof typeof MeetingStatus;
}
