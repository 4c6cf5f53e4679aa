import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";

@InputType("PlanRoleInput", { description: "One organisation's role in a plan." })
export class PlanRoleInput {
  @Field(() => String, { description: "Organisation code." })
  organizationCode!: string;
  @Field(() => String, { description: "What it does." })
  what!: string;
  @Field(() => String, { nullable: true, description: "How often." })
  frequency?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Until when." })
  until?: string | null;
}

@InputType("SupportPlanInput", { description: "A support plan (支援プラン)." })
export class SupportPlanInput {
  @Field(() => String, { description: "Goals." })
  goals!: string;
  @Field(() => String, { description: "Direction of support." })
  direction!: string;
  @Field(() => [PlanRoleInput], { description: "Each organisation's role." })
  roles!: PlanRoleInput[];
  @Field(() => Boolean, { description: "Refer to participation support (参加支援)." })
  referParticipationSupport!: boolean;
  @Field(() => Boolean, { description: "Refer to outreach (アウトリーチ)." })
  referOutreach!: boolean;
  @Field(() => Boolean, { description: "The person agreed." })
  personAgreed!: boolean;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the person agreed." })
  agreedOn?: string | null;
}
