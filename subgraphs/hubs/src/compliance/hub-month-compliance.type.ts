import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("HubMonthCompliance", {
  description: "A hub's month against the rule: at least 8 sessions, one a professional consultation day.",
})
export class HubMonthComplianceType {
  @Field(() => String, { description: "Month, YYYY-MM (Asia/Tokyo)." })
  month!: string;
  @Field(() => Int, { description: "Sessions held." })
  sessions!: number;
  @Field(() => Int, { description: "Days with a professional consultation session." })
  consultationDays!: number;
  @Field(() => Boolean, { description: "Meets both rules." })
  compliant!: boolean;
  @Field(() => Int, { description: "Sessions short of the minimum (0 when enough)." })
  missingSessions!: number;
  @Field(() => Boolean, { description: "No professional consultation day this month." })
  lacksConsultationDay!: boolean;
  @Field(() => Boolean, {
    description:
      "Whether the rule applies to the hub this month (as in `hubCompliance`): not before it opened, nor in a month it was paused or closed in. When false, the month is no failure whatever its figures.",
  })
  ruleApplies!: boolean;
}
