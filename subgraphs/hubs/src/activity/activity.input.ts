import { Field, ID, InputType, Int } from "type-graphql";
import { ActivityStaffInput } from "./activity-staff.input.js";
import { ActivityKind } from "./activity.type.js";

@InputType("RecordActivityInput", { description: "A session held at a hub." })
export class RecordActivityInput {
  @Field(() => ID, { description: "The hub; it must be active." })
  hubId!: string;
  @Field(() => Date, {
    description:
      "When it started; its month is counted in Asia/Tokyo. Not yet begun (DATE_IN_FUTURE), or of a day before the hub opened (BEFORE_HUB_OPENED), it is refused.",
  })
  startsAt!: Date;
  @Field(() => ActivityKind, { description: "Kind." })
  kind!: keyof typeof ActivityKind;
  @Field(() => String, {
    nullable: true,
    description: "Title (活動名), up to 200 characters, without names or other identifying details; every signed-in caller sees it.",
  })
  title?: string | null;
  @Field(() => Int, { description: "Participants (参加者数)." })
  participants!: number;
  @Field(() => ActivityStaffInput, { description: "Staff by kind." })
  staff!: ActivityStaffInput;
  @Field(() => String, { nullable: true, description: "Notes." })
  notes?: string | null;
}
