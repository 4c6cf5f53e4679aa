import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ACTIVITY_KINDS } from "./activity.entity.js";
import { ActivityStaffType } from "./activity-staff.type.js";

export const ActivityKind = enumFrom(ACTIVITY_KINDS);
registerEnumType(ActivityKind, {
  name: "ActivityKind",
  description: "Kind of hub session.",
  valuesConfig: {
    SALON: { description: "いきいきサロン." },
    EXERCISE: { description: "100歳体操." },
    PROFESSIONAL_CONSULTATION: {
      description: "専門職の相談日: at least one a month; recorded only with at least one professional on staff.",
    },
    OTHER: { description: "Other activities." },
  },
});

@ObjectType("Activity", { description: "A session a hub held (活動)." })
export class ActivityType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => Date, { description: "When it started." })
  startsAt!: Date;
  @Field(() => ActivityKind, { description: "Kind." })
  kind!: keyof typeof ActivityKind;
  @Field(() => String, { nullable: true, description: "Title." })
  title?: string | null;
  @Field(() => Int, { description: "Participants." })
  participants!: number;
  @Field(() => ActivityStaffType, { description: "Staff by kind." })
  staff!: ActivityStaffType;
}
