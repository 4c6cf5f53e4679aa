import { Field, ID, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";

@ObjectType("SupportPlan", { description: "A support plan (支援プラン); each revision is a new version." })
export class SupportPlanType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => Int, { description: "Version, from 1." })
  version!: number;
  @Field(() => String, { description: "Goals (目標)." })
  goals!: string;
  @Field(() => String, { description: "Direction of support (支援の方向性)." })
  direction!: string;
  @Field(() => Boolean, { description: "Referred to participation support (参加支援)." })
  referParticipationSupport!: boolean;
  @Field(() => Boolean, { description: "Referred to outreach (アウトリーチ)." })
  referOutreach!: boolean;
  @Field(() => Boolean, { description: "The person agreed to the plan (本人同意)." })
  personAgreed!: boolean;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the person agreed." })
  agreedOn?: string | null;
  @Field(() => Date, { description: "When it was recorded." })
  createdAt!: Date;
}
