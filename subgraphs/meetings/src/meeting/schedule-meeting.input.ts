import { Field, InputType } from "type-graphql";

@InputType("ScheduleMeetingInput", { description: "A new sitting of a body." })
export class ScheduleMeetingInput {
  @Field(() => String, { description: "The body's code, e.g. `marugoto-council`." })
  bodyCode!: string;
  @Field(() => String, { description: "Title (会議名)." })
  title!: string;
  @Field(() => Date, { description: "Start." })
  startsAt!: Date;
  @Field(() => Date, { nullable: true, description: "Planned end." })
  endsAt?: Date | null;
  @Field(() => String, { nullable: true, description: "Place." })
  place?: string | null;
  @Field(() => Boolean, { nullable: true, description: "非公開. Forced for case-handling bodies." })
  confidential?: boolean | null;
  @Field(() => [String], {
    nullable: true,
    description:
      "Organisation codes to invite besides the body's standing members (支援会議, 重層的支援会議: chosen case by case, by the chair alone — MEMBERS_BY_CHAIR_ONLY otherwise).",
  })
  memberCodes?: string[] | null;
}
